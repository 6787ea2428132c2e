package schema

import (
	"fmt"
	"strings"
)

// A selector names actors in queries. A plain code ("RUSGOV", "SYR")
// matches that exact actor. A code followed by "*" matches every actor
// whose code starts with it: "RUS*" is RUS, RUSGOV, RUSMIL and so on,
// "IGO*" every international organisation.

// Selector is a parsed actor selector.
type Selector struct {
	Code   string // the code or prefix, upper-case
	Prefix bool   // true for "CODE*"
}

// ParseSelector parses and checks an actor selector.
func ParseSelector(s string) (Selector, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	prefix := strings.HasSuffix(s, "*")
	code := strings.TrimSuffix(s, "*")
	if code == "" {
		return Selector{}, fmt.Errorf("actor selector %q: empty code", s)
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return Selector{}, fmt.Errorf("actor selector %q: %q is not allowed in CAMEO codes", s, r)
		}
	}
	return Selector{Code: code, Prefix: prefix}, nil
}

// String is the selector as written.
func (s Selector) String() string {
	if s.Prefix {
		return s.Code + "*"
	}
	return s.Code
}

// Matches reports whether an actor code is selected.
func (s Selector) Matches(code string) bool {
	if s.Prefix {
		return strings.HasPrefix(code, s.Code)
	}
	return code == s.Code
}

// Range returns the half-open interval [lo, hi) of codes a prefix selector
// matches, for range scans over sorted indexes. CAMEO codes use only
// A–Z, 0–9 and '-', all below '~'.
func (s Selector) Range() (lo, hi string) { return s.Code, s.Code + "~" }

// ParseSelectors parses a list of selectors.
func ParseSelectors(list []string) ([]Selector, error) {
	out := make([]Selector, 0, len(list))
	for _, s := range list {
		sel, err := ParseSelector(s)
		if err != nil {
			return nil, err
		}
		out = append(out, sel)
	}
	return out, nil
}

// MatchesAny reports whether code is selected by any of sels.
func MatchesAny(sels []Selector, code string) bool {
	for _, s := range sels {
		if s.Matches(code) {
			return true
		}
	}
	return false
}
