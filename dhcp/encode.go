package dhcp

import (
	"encoding/json"
	"errors"
	"fmt"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

type record struct {
	V       int        `json:"v"`
	ID      string     `json:"id"`
	OwnerID string     `json:"owner"`
	Options [][]string `json:"options"` // each: key, then values
}

// MarshalBinary encodes o losslessly, for [Options.UnmarshalBinary]: a
// versioned JSON document. The zero Options cannot be encoded.
func (o Options) MarshalBinary() ([]byte, error) {
	if !o.IsValid() {
		return nil, errors.New("dhcp: marshal: the zero Options")
	}
	r := record{V: encodingVersion, ID: o.id, OwnerID: o.ownerID}
	for _, c := range o.confs {
		r.Options = append(r.Options, append([]string{c.Key}, c.Values...))
	}
	return json.Marshal(r)
}

// UnmarshalBinary sets o to the set data encodes, after checking it as
// [New] does; on error o is unchanged.
func (o *Options) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("dhcp: unmarshal: %w", err)
	}
	if r.V != encodingVersion {
		return fmt.Errorf("dhcp: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	}
	confs := make([]Configuration, 0, len(r.Options))
	for _, kv := range r.Options {
		if len(kv) == 0 {
			return errors.New("dhcp: unmarshal: an option without a key")
		}
		confs = append(confs, Configuration{Key: kv[0], Values: kv[1:]})
	}
	n, err := New(r.ID, r.OwnerID, confs)
	if err != nil {
		return fmt.Errorf("dhcp: unmarshal: %w", err)
	}
	for i, c := range n.confs {
		if c.Key != confs[i].Key {
			return fmt.Errorf("dhcp: unmarshal %s: options out of order", r.ID)
		}
	}
	*o = n
	return nil
}
