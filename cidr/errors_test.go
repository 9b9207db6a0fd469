package cidr_test

import (
	"errors"
	"testing"

	"github.com/vpclab/vpcmodel/cidr"
)

// TestErrorFormat pins the message format: package, operation, quoted
// input, cause.
func TestErrorFormat(t *testing.T) {
	_, err := cidr.ParseVPC("10.0.0.1/16")
	if got, want := err.Error(), `cidr: parse "10.0.0.1/16": host bits are set`; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	var ce *cidr.Error
	if !errors.As(err, &ce) || !errors.Is(ce.Unwrap(), cidr.ErrHostBits) || ce.ErrorCode() != "InvalidParameterValue" {
		t.Fatalf("ParseVPC error = %#v", err)
	}
	if got, want := ce.ErrorMessage(), "Value (10.0.0.1/16) for parameter cidrBlock is invalid. This is not a valid CIDR block."; got != want {
		t.Fatalf("ErrorMessage() = %q, want %q", got, want)
	}
}
