package ipsec_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// confNames is what a swanctl.conf defines: its connections and the
// secrets swanctl hands to charon, by section name, in file order. The
// zero confNames defines nothing.
type confNames struct {
	conns   []string
	secrets []string
}

// parseSwanctlConf reads the section names of a swanctl.conf, in
// strongSwan's settings syntax: "name {" opens a section, "}" closes it,
// "key = value" runs to the end of the line or a "}", a value may be
// quoted, and "#" starts a comment outside quotes. It returns the sections
// directly under connections and secrets, and an error when the braces do
// not balance or a quote is not closed. It is no validator: what charon
// makes of the settings is for swanctl to report.
func parseSwanctlConf(text string) (confNames, error) {
	var names confNames
	var stack []string // the open sections, outermost first
	word := ""         // the last bare word, a section name if "{" follows
	line := 1
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
			line++
			word = ""
		case c == ' ' || c == '\t' || c == '\r':
		case c == '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case c == '{':
			if word == "" {
				return confNames{}, fmt.Errorf("line %d: a section without a name", line)
			}
			if len(stack) == 1 {
				switch stack[0] {
				case "connections":
					names.conns = append(names.conns, word)
				case "secrets":
					names.secrets = append(names.secrets, word)
				}
			}
			stack = append(stack, word)
			word = ""
		case c == '}':
			if len(stack) == 0 {
				return confNames{}, fmt.Errorf("line %d: unbalanced }", line)
			}
			stack = stack[:len(stack)-1]
			word = ""
		case c == '=':
			// The value: a quoted string, or the rest of the line up to a
			// "}" or a comment.
			for i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\t') {
				i++
			}
			if i+1 < len(text) && text[i+1] == '"' {
				start := line
				i += 2
				for ; i < len(text) && text[i] != '"'; i++ {
					switch text[i] {
					case '\\':
						i++ // an escaped character, perhaps a quote
					case '\n':
						line++
					}
				}
				if i >= len(text) {
					return confNames{}, fmt.Errorf("line %d: unterminated quoted value", start)
				}
			} else {
				for i+1 < len(text) && !strings.ContainsRune("\n}#", rune(text[i+1])) {
					i++
				}
			}
			word = ""
		default:
			start := i
			for i+1 < len(text) && !strings.ContainsRune(" \t\r\n{}=#", rune(text[i+1])) {
				i++
			}
			word = text[start : i+1]
		}
	}
	if len(stack) != 0 {
		return confNames{}, fmt.Errorf("section %s is never closed", strings.Join(stack, "."))
	}
	return names, nil
}

// keyPassphrase reports whether a secrets section only unlocks a private
// key file: swanctl keeps such sections to itself and reports nothing for
// them, while it hands the shared secrets (ike, eap, xauth) to charon and
// reports each one loaded.
func keyPassphrase(section string) bool {
	for _, p := range []string{"rsa", "ecdsa", "bliss", "pkcs8", "pkcs12"} {
		if strings.HasPrefix(section, p) {
			return true
		}
	}
	return false
}

// errNotLoaded marks a swanctl load that ended without charon holding all
// the configuration defines.
var errNotLoaded = errors.New("not loaded")

// checkLoad judges a swanctl --load-all that exited 0 (any other status
// is a failure in itself) of a configuration that defines conf, from
// swanctl's standard output, where it reports what it loaded: "loaded ike
// secret 'name'", "loaded connection 'name'", "successfully loaded N
// connections, M unloaded". Standard error plays no part: there swanctl
// warns about plugins that are not installed and credential directories
// that do not exist, which do not stop a load, and reports the failures,
// which its exit status or a missing "loaded" line also show.
//
// The exit status alone is not enough: swanctl 5.9 exits 0 after a
// configuration file that does not parse (it then loads no connections and
// unloads charon's) and after a secret it ignores (an unsupported type, no
// secret value). So every connection and every shared secret the
// configuration defines must be reported loaded, and the configuration
// must define a connection.
func checkLoad(conf confNames, stdout string) error {
	if len(conf.conns) == 0 {
		return fmt.Errorf("the configuration defines no connection: %w", errNotLoaded)
	}
	loaded := map[string]bool{} // "connection name" or "secret name"
	summary := -1               // N of "successfully loaded N connections"
	for _, line := range strings.Split(stdout, "\n") {
		line = strings.TrimSpace(line)
		if name, ok := quoted(line, "loaded connection "); ok {
			loaded["connection "+name] = true
			continue
		}
		if rest, ok := strings.CutPrefix(line, "loaded "); ok {
			if kind, name, ok := strings.Cut(rest, " secret "); ok && !strings.Contains(kind, " ") {
				if name, ok := quoted(name, ""); ok {
					loaded["secret "+name] = true
				}
				continue
			}
		}
		if rest, ok := strings.CutPrefix(line, "successfully loaded "); ok {
			if n, _, ok := strings.Cut(rest, " connections"); ok {
				if v, err := strconv.Atoi(n); err == nil {
					summary = v
				}
			}
		}
	}
	var missing []string
	for _, c := range conf.conns {
		if !loaded["connection "+c] {
			missing = append(missing, "connection "+strconv.Quote(c))
		}
	}
	for _, s := range conf.secrets {
		if !keyPassphrase(s) && !loaded["secret "+s] {
			missing = append(missing, "secret "+strconv.Quote(s))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("swanctl did not report %s loaded: %w", strings.Join(missing, ", "), errNotLoaded)
	}
	if want := len(slices.Compact(slices.Sorted(slices.Values(conf.conns)))); summary != want {
		return fmt.Errorf("swanctl did not report all %d connections loaded (summary: %d): %w", want, summary, errNotLoaded)
	}
	return nil
}

// quoted returns the name in a line of the form prefix + 'name'.
func quoted(line, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(line, prefix)
	if !ok || len(rest) < 2 || rest[0] != '\'' || rest[len(rest)-1] != '\'' {
		return "", false
	}
	return rest[1 : len(rest)-1], true
}
