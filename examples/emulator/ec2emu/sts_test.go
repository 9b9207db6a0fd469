package ec2emu_test

import (
	"encoding/xml"
	"net/http"
	"testing"
)

// TestGetCallerIdentity answers STS's GetCallerIdentity, as Terraform's aws
// provider sends it to its sts endpoint, with the account of the access key.
func TestGetCallerIdentity(t *testing.T) {
	e := newEnv(t)
	for _, account := range []string{alice, bob} {
		h := http.Header{"Authorization": {"AWS4-HMAC-SHA256 Credential=" + account +
			"/20260301/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=0"}}
		code, body := e.raw(http.MethodPost, "application/x-www-form-urlencoded",
			"Action=GetCallerIdentity&Version=2011-06-15", h)
		if code != http.StatusOK {
			t.Fatalf("GetCallerIdentity as %s: %d %s", account, code, body)
		}
		var out struct {
			Result struct {
				Arn     string `xml:"Arn"`
				UserID  string `xml:"UserId"`
				Account string `xml:"Account"`
			} `xml:"GetCallerIdentityResult"`
		}
		if err := xml.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("GetCallerIdentity as %s: %v\n%s", account, err, body)
		}
		if out.Result.Account != account || out.Result.Arn != "arn:aws:iam::"+account+":root" || out.Result.UserID != account {
			t.Errorf("GetCallerIdentity as %s = %+v", account, out.Result)
		}
	}
}
