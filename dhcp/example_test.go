package dhcp_test

import (
	"errors"
	"fmt"

	"github.com/vpclab/vpcmodel/dhcp"
)

func ExampleNew() {
	o, err := dhcp.New("dopt-0123456789abcdef0", "111122223333", []dhcp.Configuration{
		{Key: "domain-name-servers", Values: []string{"10.0.0.2", "AmazonProvidedDNS"}},
		{Key: "domain-name", Values: []string{"corp.example"}},
	})
	fmt.Println(err)
	for _, c := range o.Configurations() {
		fmt.Println(c.Key, c.Values)
	}
	_, err = dhcp.New("dopt-0123456789abcdef0", "111122223333", []dhcp.Configuration{
		{Key: "netbios-node-type", Values: []string{"3"}},
	})
	var de *dhcp.Error
	if errors.As(err, &de) {
		fmt.Println(de.ErrorCode(), de.ErrorMessage())
	}
	// Output:
	// <nil>
	// domain-name [corp.example]
	// domain-name-servers [10.0.0.2 AmazonProvidedDNS]
	// InvalidParameterValue Value (3) for parameter netbios-node-type is invalid.
}

func ExampleDefault() {
	o := dhcp.Default("dopt-0123456789abcdef0", "111122223333", "us-east-1")
	for _, c := range o.Configurations() {
		fmt.Println(c.Key, c.Values)
	}
	// Output:
	// domain-name [ec2.internal]
	// domain-name-servers [AmazonProvidedDNS]
}
