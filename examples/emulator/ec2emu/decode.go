package ec2emu

import (
	"cmp"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/vpclab/vpcmodel"
)

// A request's parameters arrive flattened: "Filter.2.Value.1=pcx-…". The
// decoder first folds them into a tree keyed by the dot-separated segments,
// then walks an action's input struct, whose `ec2` field tags are the one
// declaration of that action's parameter names:
//
//	type describeInput struct {
//		IDs     []string `ec2:"VpcId"`               // VpcId.1, VpcId.2, ...
//		Filters []filter `ec2:"Filter"`              // Filter.N.Name, Filter.N.Value.M
//		VpcID   string   `ec2:"VpcId,required"`      // MissingParameter when absent
//		Max     *int64   `ec2:"MaxResults"`          // nil when absent
//	}
//
// Lists are numbered from 1 and may be sparse; their elements are taken in
// index order. Strings, bools, integers, pointers to them, structs and slices
// are supported. Parameters no field declares are ignored, as they would be
// by an EC2 that does not implement an optional feature.
//
// RDS, ElastiCache and Redshift speak the same Query protocol with two
// differences, which a protocol value carries: their wire names are in
// `query` tags, and a list parameter names its members, the member name
// following the list's in the tag:
//
//	SubnetIDs []string `query:"SubnetIds>SubnetIdentifier"` // SubnetIds.SubnetIdentifier.1, ...
//	TagKeys   []string `query:"TagKeys"`                    // TagKeys.member.1, ...
//
// An empty list is sent as the bare name ("SubnetIds="), which such a
// decoder takes as a list of no elements.

// protocol is one family of Query APIs' way of naming parameters and
// response elements.
type protocol struct {
	tag        string // the struct tag holding the wire names
	members    bool   // whether list parameters name their members (Name.Member.N)
	item       string // the element of a list member, when the tag names none
	exactNames bool   // whether response elements keep the declared names' case
}

var (
	// ec2Protocol is EC2's: `ec2` tags, Name.N lists, <nameSet><item>
	// responses with lower-case first letters.
	ec2Protocol = protocol{tag: "ec2", item: "item"}
	// queryProtocol is that of RDS, ElastiCache and Redshift: `query`
	// tags, Name.Member.N lists, <Name><Member> responses, names as
	// declared.
	queryProtocol = protocol{tag: "query", members: true, item: "member", exactNames: true}
)

// param is one node of the parameter tree.
type param struct {
	value string
	set   bool
	kids  map[string]*param
}

// maxListIndex bounds list indices, so that "Filter.99999999999.Name" is a
// client error rather than a huge sparse list.
const maxListIndex = 10_000

// maxParams and maxDepth bound the tree a request can make the server
// build: no action takes more parameters, or names nested deeper.
const (
	maxParams = 5_000
	maxDepth  = 8
)

// parseParams folds a form into a parameter tree. The first value of a
// repeated key wins. Keys nested deeper than maxDepth name no parameter of
// any action and are dropped; more than maxParams keys is an error.
func parseParams(form url.Values) (*param, error) {
	if len(form) > maxParams {
		return nil, wireErr("InvalidParameterValue", fmt.Sprintf("The request has %d parameters; at most %d are accepted.", len(form), maxParams))
	}
	root := &param{}
	for key, values := range form {
		if len(values) == 0 || strings.Count(key, ".") >= maxDepth {
			continue
		}
		n := root
		for seg := range strings.SplitSeq(key, ".") {
			if n.kids == nil {
				n.kids = make(map[string]*param)
			}
			child := n.kids[seg]
			if child == nil {
				child = &param{}
				n.kids[seg] = child
			}
			n = child
		}
		n.value, n.set = values[0], true
	}
	return root, nil
}

// get returns the value of a top-level parameter, such as "Action".
func (p *param) get(name string) (string, bool) {
	c := p.kids[name]
	if c == nil || !c.set {
		return "", false
	}
	return c.value, true
}

// field is one declared parameter of an input struct.
type field struct {
	index    int
	name     string
	member   string // a list's member segment, for protocols that name one
	required bool
	inline   bool // an embedded struct whose fields are declared at this level
}

type fieldKey struct {
	t   reflect.Type
	tag string
}

var fieldCache sync.Map // fieldKey -> []field

func fieldsOf(t reflect.Type, pr protocol) []field {
	if f, ok := fieldCache.Load(fieldKey{t, pr.tag}); ok {
		return f.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup(pr.tag)
		if !ok && sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			fs = append(fs, field{index: i, inline: true})
			continue
		}
		if !ok || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		name, member, _ := strings.Cut(name, ">")
		if pr.members && member == "" {
			member = pr.item
		}
		fs = append(fs, field{index: i, name: name, member: member, required: opts == "required"})
	}
	fieldCache.Store(fieldKey{t, pr.tag}, fs)
	return fs
}

// decode fills the struct pointed to by dst from p, by its `ec2` tags.
func decode(dst any, p *param) error { return decodeWith(ec2Protocol, dst, p) }

// decodeWith fills the struct pointed to by dst from p, as pr names its
// parameters.
func decodeWith(pr protocol, dst any, p *param) error {
	v := reflect.ValueOf(dst).Elem()
	return decodeStruct(pr, v, p, "")
}

func decodeStruct(pr protocol, v reflect.Value, p *param, path string) error {
	for _, f := range fieldsOf(v.Type(), pr) {
		if f.inline {
			if err := decodeStruct(pr, v.Field(f.index), p, path); err != nil {
				return err
			}
			continue
		}
		var child *param
		if p != nil {
			child = p.kids[f.name]
		}
		name := path + f.name
		if child == nil {
			if f.required {
				return missingParameter(name)
			}
			continue
		}
		if err := decodeValue(pr, v.Field(f.index), child, name, f.member); err != nil {
			return err
		}
		if f.required && v.Field(f.index).IsZero() && v.Field(f.index).Kind() != reflect.Bool {
			return missingParameter(name)
		}
	}
	return nil
}

// decodeValue decodes p into v; member is the member segment of a list
// parameter, for protocols that name one.
func decodeValue(pr protocol, v reflect.Value, p *param, name, member string) error {
	if isOptional(v.Type()) {
		if err := decodeValue(pr, v.Field(0), p, name, member); err != nil {
			return err
		}
		v.Field(1).SetBool(true)
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		if err := decodeValue(pr, e.Elem(), p, name, member); err != nil {
			return err
		}
		v.Set(e)
		return nil
	case reflect.Struct:
		if p.set && len(p.kids) == 0 {
			return invalidValue(name, p.value, "a structure")
		}
		return decodeStruct(pr, v, p, name+".")
	case reflect.Slice:
		if member != "" {
			switch m := p.kids[member]; {
			case len(p.kids) == 0 && p.set && p.value == "":
				v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // "Name=": a list of no elements
				return nil
			case m == nil || len(p.kids) > 1:
				return wireErr("UnknownParameter", fmt.Sprintf("The parameter %s is a list of %s.N members", name, member))
			default:
				p, name = m, name+"."+member
			}
		}
		if p.set && len(p.kids) == 0 {
			return invalidValue(name, p.value, "a list")
		}
		type item struct {
			i int
			p *param
		}
		items := make([]item, 0, len(p.kids))
		for k, c := range p.kids {
			i, err := strconv.Atoi(k)
			if err != nil || i < 1 || i > maxListIndex || strconv.Itoa(i) != k {
				return wireErr("UnknownParameter", fmt.Sprintf("The parameter %s.%s is not recognized", name, k))
			}
			items = append(items, item{i, c})
		}
		slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.i, b.i) })
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for j, it := range items {
			if err := decodeValue(pr, s.Index(j), it.p, name+"."+strconv.Itoa(it.i), ""); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	}
	if len(p.kids) > 0 && !p.set {
		return invalidValue(name, "", "a single value")
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(p.value)
	case reflect.Bool:
		switch strings.ToLower(p.value) {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			return invalidValue(name, p.value, "Boolean")
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(p.value, 10, v.Type().Bits())
		if err != nil {
			return invalidValue(name, p.value, "Integer")
		}
		v.SetInt(n)
	default:
		panic("ec2emu: unsupported input field kind " + v.Kind().String())
	}
	return nil
}

func missingParameter(name string) error {
	return wireErr("MissingParameter", "The request must contain the parameter "+name)
}

func invalidValue(name, value, want string) error {
	return wireErr("InvalidParameterValue", fmt.Sprintf("Value (%s) for parameter %s is invalid. Expected: '%s'.", value, name, want))
}

// isOptional reports whether t is a vpcmodel.Optional: a struct whose
// fields are Value and Set.
func isOptional(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == optionalPkg && strings.HasPrefix(t.Name(), "Optional[") &&
		t.NumField() == 2 && t.Field(0).Name == "Value" && t.Field(1).Name == "Set"
}

// optionalPkg is the package path of vpcmodel.Optional.
var optionalPkg = reflect.TypeFor[vpcmodel.Optional[int]]().PkgPath()
