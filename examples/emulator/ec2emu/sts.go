package ec2emu

import "fmt"

// GetCallerIdentity belongs to STS, not EC2: tools call it to learn the
// account their credentials act for. Terraform's aws provider calls it to
// validate its credentials and find its account ID (unless told
// skip_credentials_validation and skip_requesting_account_id); with the
// provider's sts endpoint pointed at the emulator as well, it learns the
// account the emulator takes from its access key, and reads a peering
// connection from the side that account is on.

type getCallerIdentityInput struct{}

type getCallerIdentityOutput struct {
	meta
	Result callerIdentityXML `xml:"GetCallerIdentityResult"`
}

// callerIdentityXML is STS's GetCallerIdentityResult. STS capitalises its
// members, unlike EC2.
type callerIdentityXML struct {
	Arn     string `xml:"Arn"`
	UserID  string `xml:"UserId"`
	Account string `xml:"Account"`
}

// getCallerIdentity answers as the account's root user: the emulator has no
// IAM identities below an account.
func (s *Server) getCallerIdentity(c *call, _ *getCallerIdentityInput) (*getCallerIdentityOutput, error) {
	return &getCallerIdentityOutput{Result: callerIdentityXML{
		Arn:     fmt.Sprintf("arn:aws:iam::%s:root", c.account),
		UserID:  c.account,
		Account: c.account,
	}}, nil
}
