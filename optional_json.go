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

// UnmarshalJSON reads o's value: JSON null leaves o absent.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*o = Optional[T]{}
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*o = Some(v)
	return nil
}
