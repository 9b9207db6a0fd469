package wildcard

import "unicode/utf8"

// Match reports whether s matches the EC2 filter pattern pattern: * matches
// any run of characters (including none), ? exactly one character, and \
// makes the next character literal (a trailing \ matches itself). Every
// other character matches itself; matching is case-sensitive and works on
// characters (runes), not bytes. Match allocates nothing and runs in
// O(len(pattern) × len(s)) time at worst.
func Match(pattern, s string) bool {
	// Iterative matching over runes with one backtrack point, the last *.
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		r, rn := utf8.DecodeRuneInString(s[si:])
		if pi < len(pattern) {
			p, pn := utf8.DecodeRuneInString(pattern[pi:])
			switch {
			case p == '*':
				starP, starS = pi+pn, si
				pi += pn
				continue
			case p == '?':
				pi, si = pi+pn, si+rn
				continue
			case p == '\\' && pi+pn < len(pattern):
				q, qn := utf8.DecodeRuneInString(pattern[pi+pn:])
				if q == r {
					pi, si = pi+pn+qn, si+rn
					continue
				}
			case p == r:
				pi, si = pi+pn, si+rn
				continue
			}
		}
		if starP < 0 {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[starS:])
		starS += n
		pi, si = starP, starS
	}
	for pi < len(pattern) && pattern[pi] == '*' {
		pi++
	}
	return pi == len(pattern)
}

// HasWildcard reports whether pattern contains a character that Match
// treats specially (*, ? or \), so that matching it can differ from
// comparing it with ==.
func HasWildcard(pattern string) bool {
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '*', '?', '\\':
			return true
		}
	}
	return false
}
