package ec2emu

import (
	"fmt"
	"time"

	"github.com/vpclab/vpcmodel"
)

// GetCallerIdentity belongs to STS, not EC2: tools call it to learn the
// account their credentials act for. Terraform's aws provider calls it to
// validate its credentials and find its account ID (unless told
// skip_credentials_validation and skip_requesting_account_id); with the
// provider's sts endpoint pointed at the emulator as well, it learns the
// account the emulator takes from its access key, and reads a peering
// connection from the side that account is on.

// getCallerIdentityOutput is STS's answer. STS capitalises its members,
// unlike EC2.
type getCallerIdentityOutput struct {
	Result callerIdentity `ec2:"GetCallerIdentityResult,exact"`
}

type callerIdentity struct {
	ARN     string `ec2:"Arn,exact"`
	UserID  string `ec2:"UserId,exact"`
	Account string `ec2:"Account,exact"`
}

// getCallerIdentity answers as the account's root user: the emulator has no
// IAM identities below an account.
func getCallerIdentity(_ *Server, caller vpcmodel.Caller, _ time.Time, p *param) (any, error) {
	if err := decodeAction(&struct{}{}, p); err != nil {
		return nil, err
	}
	return getCallerIdentityOutput{callerIdentity{
		ARN:     fmt.Sprintf("arn:aws:iam::%s:root", caller.Account),
		UserID:  caller.Account,
		Account: caller.Account,
	}}, nil
}
