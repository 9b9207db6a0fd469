package jsonscan

import "net/netip"

// Reader reads one JSON document from a byte slice, piece by piece, each
// piece as the caller expects it next. The first piece that is not as
// expected makes the Reader mismatched: every later call returns the zero
// value and consumes nothing, and [Reader.Done] reports false. The zero
// Reader reads an empty document.
type Reader struct {
	b        []byte
	i        int
	mismatch bool
}

// NewReader returns a Reader of b. The Reader aliases b; the strings it
// returns do not.
func NewReader(b []byte) Reader { return Reader{b: b} }

// Done reports whether every piece so far was as expected and the
// document ends exactly after the last one.
func (r *Reader) Done() bool { return !r.mismatch && r.i == len(r.b) }

// Mismatch marks r mismatched: the caller met a value it does not take on
// the fast path.
func (r *Reader) Mismatch() { r.mismatch = true }

// Lit consumes s, which must come next.
func (r *Reader) Lit(s string) {
	if !r.Skip(s) {
		r.mismatch = true
	}
}

// Skip consumes s and reports true if s comes next; otherwise it consumes
// nothing and reports false.
func (r *Reader) Skip(s string) bool {
	if r.mismatch || len(r.b)-r.i < len(s) || string(r.b[r.i:r.i+len(s)]) != s {
		return false
	}
	r.i += len(s)
	return true
}

// TextBytes consumes a JSON string and returns its contents, which alias
// the input. Only printable ASCII other than the quote and the backslash
// may occur in it.
func (r *Reader) TextBytes() []byte {
	if r.mismatch || r.i >= len(r.b) || r.b[r.i] != '"' {
		r.mismatch = true
		return nil
	}
	for j := r.i + 1; j < len(r.b); j++ {
		switch c := r.b[j]; {
		case c == '"':
			s := r.b[r.i+1 : j]
			r.i = j + 1
			return s
		case c < 0x20 || c > 0x7e || c == '\\':
			r.mismatch = true
			return nil
		}
	}
	r.mismatch = true
	return nil
}

// Text consumes a JSON string, as TextBytes does, and returns a copy of it.
func (r *Reader) Text() string {
	b := r.TextBytes()
	if len(b) == 0 {
		return ""
	}
	return string(b)
}

// Int consumes a JSON number that is an integer from 0 to 999,999,999,
// written without sign, fraction, exponent or leading zero.
func (r *Reader) Int() int {
	if r.mismatch {
		return 0
	}
	n, j := 0, r.i
	for j < len(r.b) && j-r.i < 10 && '0' <= r.b[j] && r.b[j] <= '9' {
		n = n*10 + int(r.b[j]-'0')
		j++
	}
	switch {
	case j == r.i, j-r.i > 9, r.b[r.i] == '0' && j-r.i > 1:
		r.mismatch = true
		return 0
	case j < len(r.b) && (r.b[j] == '.' || r.b[j] == 'e' || r.b[j] == 'E'):
		r.mismatch = true
		return 0
	}
	r.i = j
	return n
}

// Next reports whether a JSON array, whose "[" is consumed, has another
// element; i counts the elements read so far. It consumes the "]" that
// ends the array, or the "," before every element but the first. It
// reports false once r is mismatched, so that a loop
//
//	for i := 0; r.Next(i); i++ { ... }
//
// always ends.
func (r *Reader) Next(i int) bool {
	if r.Skip("]") {
		return false
	}
	if i > 0 {
		r.Lit(",")
	}
	return !r.mismatch
}

// Bool consumes true or false.
func (r *Reader) Bool() bool {
	if r.Skip("true") {
		return true
	}
	r.Lit("false")
	return false
}

// Prefix consumes a JSON string and returns it as [netip.Prefix]'s
// UnmarshalText reads it: empty text gives the zero Prefix, other text
// what [netip.ParsePrefix] gives; text ParsePrefix refuses is a mismatch.
// An IPv4 prefix in its canonical form is parsed here, without an
// allocation.
func (r *Reader) Prefix() netip.Prefix {
	b := r.TextBytes()
	if len(b) == 0 {
		return netip.Prefix{}
	}
	if p, ok := prefix4(b); ok {
		return p
	}
	p, err := netip.ParsePrefix(string(b))
	if err != nil {
		r.mismatch = true
		return netip.Prefix{}
	}
	return p
}

// prefix4 parses b as a.b.c.d/n, with each number in 0-255 (n in 0-32)
// written without leading zero, and reports false for any other text.
// What it accepts, netip.ParsePrefix reads the same.
func prefix4(b []byte) (netip.Prefix, bool) {
	var a [4]byte
	i := 0
	num := func(limit int) (int, bool) {
		n, j := 0, i
		for j < len(b) && j-i < 3 && '0' <= b[j] && b[j] <= '9' {
			n = n*10 + int(b[j]-'0')
			j++
		}
		if j == i || b[i] == '0' && j-i > 1 || n > limit {
			return 0, false
		}
		i = j
		return n, true
	}
	for k := range 4 {
		n, ok := num(255)
		if !ok {
			return netip.Prefix{}, false
		}
		a[k] = byte(n)
		sep := byte('.')
		if k == 3 {
			sep = '/'
		}
		if i >= len(b) || b[i] != sep {
			return netip.Prefix{}, false
		}
		i++
	}
	bits, ok := num(32)
	if !ok || i != len(b) {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(netip.AddrFrom4(a), bits), true
}
