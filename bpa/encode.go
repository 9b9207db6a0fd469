package bpa

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// encodingVersion is the version of the encodings MarshalBinary writes.
const encodingVersion = 1

type optionsRecord struct {
	V       int       `json:"v"`
	Mode    Mode      `json:"mode"`
	State   State     `json:"state"`
	Updated time.Time `json:"updated,omitzero"`
}

// MarshalBinary encodes o losslessly, for [Options.UnmarshalBinary].
func (o Options) MarshalBinary() ([]byte, error) {
	if !o.IsValid() {
		return nil, errors.New("bpa: marshal: invalid options")
	}
	return json.Marshal(optionsRecord{encodingVersion, o.Mode, o.State, o.Updated})
}

// UnmarshalBinary sets o to the options data encodes, after checking them;
// on error o is unchanged.
func (o *Options) UnmarshalBinary(data []byte) error {
	var r optionsRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("bpa: unmarshal options: %w", err)
	}
	if r.V != encodingVersion {
		return fmt.Errorf("bpa: unmarshal options: encoding version %d, want %d", r.V, encodingVersion)
	}
	out := Options{Mode: r.Mode, State: r.State, Updated: r.Updated}
	if !out.IsValid() {
		return fmt.Errorf("bpa: unmarshal options: mode %q in state %q", r.Mode, r.State)
	}
	*o = out
	return nil
}

type exclusionRecord struct {
	V        int           `json:"v"`
	ID       string        `json:"id"`
	OwnerID  string        `json:"owner"`
	Region   string        `json:"region"`
	Kind     ResourceKind  `json:"kind"`
	Resource string        `json:"resource"`
	Mode     ExclusionMode `json:"mode"`
	State    State         `json:"state"`
	Created  time.Time     `json:"created"`
	Updated  time.Time     `json:"updated"`
	Deleted  time.Time     `json:"deleted,omitzero"`
}

// MarshalBinary encodes e losslessly, for [Exclusion.UnmarshalBinary].
// The zero Exclusion cannot be encoded.
func (e Exclusion) MarshalBinary() ([]byte, error) {
	if e.id == "" {
		return nil, errors.New("bpa: marshal: the zero Exclusion")
	}
	return json.Marshal(exclusionRecord{encodingVersion, e.id, e.ownerID, e.region, e.kind, e.resource, e.mode, e.state,
		e.created, e.updated, e.deleted})
}

// UnmarshalBinary sets e to the exclusion data encodes, after checking
// every invariant the actions establish; on error e is unchanged.
func (e *Exclusion) UnmarshalBinary(data []byte) error {
	var r exclusionRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("bpa: unmarshal exclusion: %w", err)
	}
	bad := func(what string) error { return fmt.Errorf("bpa: unmarshal exclusion %q: %s", r.ID, what) }
	if r.V != encodingVersion {
		return bad(fmt.Sprintf("encoding version %d, want %d", r.V, encodingVersion))
	}
	if !IsExclusionID(r.ID) {
		return bad("malformed ID")
	}
	if err := (Spec{r.OwnerID, r.Region, r.Kind, r.Resource, r.Mode}).Check(); err != nil {
		return bad(err.Error())
	}
	deleting := r.State == StateDeleteInProgress || r.State == StateDeleteComplete
	switch {
	case r.State == StateDefault || !r.State.settled().IsComplete():
		return bad(fmt.Sprintf("state %q", r.State))
	case deleting != !r.Deleted.IsZero():
		return bad("deletion time and state disagree")
	case r.Created.IsZero() || r.Updated.Before(r.Created) || deleting && !r.Deleted.Equal(r.Updated):
		return bad("times out of order")
	}
	*e = Exclusion{id: r.ID, ownerID: r.OwnerID, region: r.Region, kind: r.Kind, resource: r.Resource, mode: r.Mode,
		state: r.State, created: r.Created, updated: r.Updated, deleted: r.Deleted}
	return nil
}

// IsComplete reports whether s is one of the -complete states.
func (s State) IsComplete() bool {
	return s == StateCreateComplete || s == StateUpdateComplete || s == StateDeleteComplete
}
