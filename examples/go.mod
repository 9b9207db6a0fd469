module github.com/vpclab/vpcmodel/examples

go 1.24

require github.com/vpclab/vpcmodel v0.0.0

replace github.com/vpclab/vpcmodel => ../
