package vpcmodel

import (
	"bytes"
	"encoding/json"
)

// IsZero reports whether o is absent, so that a JSON member tagged
// omitzero is left out when it is.
func (o Optional[T]) IsZero() bool { return !o.Set }

// MarshalJSON writes o's value; an absent o is JSON null.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.Set {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// UnmarshalJSON reads o's value: JSON null leaves o absent. It also reads
// the form encoding/json gave an Optional before it had MarshalJSON, an
// object of Value and Set only ({"Value":443,"Set":true}), which Cloud
// encodings of version 1 hold.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*o = Optional[T]{}
		return nil
	}
	if len(b) > 0 && b[0] == '{' {
		var old struct {
			Value json.RawMessage
			Set   *bool
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if dec.Decode(&old) == nil && old.Set != nil {
			if !*old.Set {
				*o = Optional[T]{}
				return nil
			}
			var v T
			if err := json.Unmarshal(old.Value, &v); err != nil {
				return err
			}
			*o = Some(v)
			return nil
		}
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*o = Some(v)
	return nil
}
