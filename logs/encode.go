package logs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

// record is the encoded form of a Group.
type record struct {
	V         int               `json:"v"`
	Owner     string            `json:"owner"`
	Region    string            `json:"region"`
	Name      string            `json:"name"`
	Created   int64             `json:"created"` // Unix milliseconds
	Retention int               `json:"retention,omitempty"`
	KMSKeyID  string            `json:"kms,omitempty"`
	Class     Class             `json:"class"`
	Tags      map[string]string `json:"tags,omitempty"`
}

// MarshalBinary encodes g losslessly, for [Group.UnmarshalBinary]: a
// versioned JSON document. The zero Group cannot be encoded.
func (g Group) MarshalBinary() ([]byte, error) {
	if !g.IsValid() {
		return nil, errors.New("logs: marshal: the zero Group")
	}
	return json.Marshal(record{V: encodingVersion, Owner: g.owner, Region: g.region, Name: g.name,
		Created: g.created.UnixMilli(), Retention: g.retention, KMSKeyID: g.kmsKeyID, Class: g.class, Tags: g.tags})
}

// UnmarshalBinary sets g to the Group data encodes, after checking every
// rule [New] and the methods of Group keep; on error g is unchanged.
func (g *Group) UnmarshalBinary(data []byte) error {
	var r record
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return fmt.Errorf("logs: unmarshal: %w", err)
	}
	if dec.More() {
		return errors.New("logs: unmarshal: data after the group")
	}
	if r.V != encodingVersion {
		return fmt.Errorf("logs: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	}
	if r.Class == "" {
		return errors.New("logs: unmarshal: no class")
	}
	n, err := New(Spec{Owner: r.Owner, Region: r.Region, Name: r.Name, KMSKeyID: r.KMSKeyID, Class: string(r.Class),
		Tags: r.Tags, Created: time.UnixMilli(r.Created)})
	if err != nil {
		return fmt.Errorf("logs: unmarshal: %w", err)
	}
	if r.Retention != 0 {
		if n, err = n.WithRetention(r.Retention); err != nil {
			return fmt.Errorf("logs: unmarshal: %w", err)
		}
	}
	*g = n
	return nil
}

// Equal reports whether g and o are the same group in the same state.
func (g Group) Equal(o Group) bool {
	if g.owner != o.owner || g.region != o.region || g.name != o.name || !g.created.Equal(o.created) ||
		g.retention != o.retention || g.kmsKeyID != o.kmsKeyID || g.class != o.class || len(g.tags) != len(o.tags) {
		return false
	}
	for k, v := range g.tags {
		if w, ok := o.tags[k]; !ok || w != v {
			return false
		}
	}
	return true
}
