module github.com/vpclab/vpcmodel

go 1.24
