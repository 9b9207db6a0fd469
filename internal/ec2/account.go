package ec2

import (
	"errors"
	"fmt"
)

// ErrMalformedAccount and ErrMalformedRegion are the causes of account and
// Region syntax errors.
var (
	ErrMalformedAccount = errors.New("malformed account id")
	ErrMalformedRegion  = errors.New("malformed region name")
)

// ParseAccount reports whether s is a 12-digit AWS account ID, returning an
// *Error with code InvalidParameterValue otherwise.
func ParseAccount(s string) error {
	if IsAccount(s) {
		return nil
	}
	return &Error{
		Code:    InvalidParameterValue,
		Message: fmt.Sprintf("Invalid account id: %q (expecting a 12-digit account ID)", s),
		Err:     ErrMalformedAccount,
	}
}

// IsAccount reports whether s is exactly 12 ASCII digits.
func IsAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseRegion reports whether s has the syntax of an AWS Region name:
// lower-case letter groups joined by hyphens and ending in a number, such as
// "us-east-1", "eu-central-2", "us-gov-west-1" or "cn-northwest-1". It does
// not check that the Region exists.
func ParseRegion(s string) error {
	if IsRegion(s) {
		return nil
	}
	return &Error{
		Code:    InvalidParameterValue,
		Message: fmt.Sprintf("Invalid region: %q", s),
		Err:     ErrMalformedRegion,
	}
}

// IsRegion reports whether s has the syntax of a Region name; see ParseRegion.
func IsRegion(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	// groups: at least two letter groups, then one digit group, separated by '-'.
	letters, digits := 0, 0
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		switch {
		case j > i && k == j: // a letter group
			if digits > 0 {
				return false
			}
			letters++
		case j == i && k > j: // the digit group
			if digits > 0 || letters < 2 || k-j > 2 {
				return false
			}
			digits++
		default:
			return false
		}
		i = k
		if i == len(s) {
			break
		}
		if s[i] != '-' || i+1 == len(s) {
			return false
		}
		i++
	}
	return digits == 1 && letters >= 2
}
