// Package dict reads and writes the dictionary formats of PETRARCH-2 (actor,
// agent, verb-pattern and discard files). The same readers load the compact
// files embedded in package coder and the extra dictionaries users pass at run
// time, so a user file in Phoenix or CAMEO.2.0 syntax works unchanged.
package dict

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Restriction kinds of a dated code.
const (
	Always  = iota // no date restriction
	Before         // valid if date < To
	From           // valid if date >= From
	Between        // valid if From <= date < To
)

// DatedCode is one actor code with its validity window. Dates are days since
// the Unix epoch (UTC).
type DatedCode struct {
	Code     string
	Kind     int
	From, To int32
}

// ValidAt reports whether the code applies on day (days since the epoch).
func (d DatedCode) ValidAt(day int32) bool {
	switch d.Kind {
	case Before:
		return day < d.To
	case From:
		return day >= d.From
	case Between:
		return day >= d.From && day < d.To
	}
	return true
}

// String formats the code as it appears inside a dictionary bracket.
func (d DatedCode) String() string {
	switch d.Kind {
	case Before:
		return d.Code + " <" + FormatDay(d.To)
	case From:
		return d.Code + " >" + FormatDay(d.From)
	case Between:
		return d.Code + " " + FormatDay(d.From) + "-" + FormatDay(d.To)
	}
	return d.Code
}

// Day converts a time to days since the Unix epoch (UTC calendar day).
func Day(t time.Time) int32 {
	y, m, d := t.UTC().Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// FormatDay formats a day number as YYYYMMDD.
func FormatDay(day int32) string {
	return time.Unix(int64(day)*86400, 0).UTC().Format("20060102")
}

// ParseDate reads a PETRARCH date: 7 characters or fewer are YYMMDD (YY <= 30
// means 20YY), 8 or more are YYYYMMDD (only the first 8 are used).
func ParseDate(s string) (int32, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	var err error
	switch {
	case len(s) == 6 || len(s) == 7:
		y, err = strconv.Atoi(s[:2])
		if err == nil {
			if y <= 30 {
				y += 2000
			} else {
				y += 1900
			}
			m, _ = strconv.Atoi(s[2:4])
			d, err = strconv.Atoi(s[4:6])
		}
	case len(s) >= 8:
		y, err = strconv.Atoi(s[:4])
		if err == nil {
			m, _ = strconv.Atoi(s[4:6])
			d, err = strconv.Atoi(s[6:8])
		}
	default:
		return 0, fmt.Errorf("bad date %q", s)
	}
	if err != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, fmt.Errorf("bad date %q", s)
	}
	return Day(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)), nil
}

// ParseCode reads the inside of an actor code bracket: "RUSGOV",
// "RUSGOV >080508", "RUSELI 700101-990809", "EGYGOV < 140608". A bare single
// date is read as a start date (">").
func ParseCode(s string) (DatedCode, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return DatedCode{}, fmt.Errorf("empty code")
	}
	dc := DatedCode{Code: strings.ToUpper(f[0])}
	if len(f) == 1 {
		return dc, nil
	}
	r := strings.Join(f[1:], "")
	var err error
	switch {
	case strings.HasPrefix(r, "<"):
		dc.Kind = Before
		dc.To, err = ParseDate(r[1:])
	case strings.HasPrefix(r, ">"):
		dc.Kind = From
		dc.From, err = ParseDate(r[1:])
	case strings.Contains(r, "-"):
		a, b, _ := strings.Cut(r, "-")
		dc.Kind = Between
		if dc.From, err = ParseDate(a); err == nil {
			dc.To, err = ParseDate(b)
		}
	default:
		dc.Kind = From
		dc.From, err = ParseDate(r)
	}
	if err != nil {
		return DatedCode{}, fmt.Errorf("code %q: %w", s, err)
	}
	return dc, nil
}

// ActorEntry is one actor: its phrases (the first is the primary name) and
// its ordered codes.
type ActorEntry struct {
	Phrases []string // upper case, words separated by single spaces
	Codes   []DatedCode
}

// Phrase normalises a dictionary phrase: underscores and blanks separate
// words, the result is upper case with single spaces.
func Phrase(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}

// namePhrases returns the phrases a dictionary name stands for. Phoenix
// writes many armed groups with their acronym in brackets
// ("IRISH_REPUBLICAN_ARMY_(IRA)_", "LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_"),
// which no text contains: when the bracket holds the initials of the
// words before it, the name is those words, and an acronym of four or more
// letters is a phrase too (shorter ones are too often words or names:
// "ANA", "LET"). Other brackets ("CONGO_(KINSHASA)", "SAMOA_(AMERICAN)")
// tell apart names that would otherwise clash, and are kept as written.
// A derived phrase yields to the same phrase written plainly elsewhere in
// the files ("LASHKAR-E-TAIBA [PAKREB]" over "LASHKAR-E-TAIBA_(LET)_
// [SASREB]").
//
// A person's name with middle initials ("MIKHAIL_S._GORBACHEV",
// "FERDINAND_E._MARCOS") also stands for the name without them, as wire
// text writes it ("Mikhail Gorbachev"); that phrase is derived too.
func namePhrases(name string) (plain, derived []string) {
	p := Phrase(name)
	if p == "" {
		return nil, nil
	}
	if short := withoutInitials(p); short != "" {
		return []string{p}, []string{short}
	}
	base, gloss, ok := strings.Cut(p, " (")
	if !ok || !strings.HasSuffix(gloss, ")") || strings.ContainsAny(gloss, " (") {
		return []string{p}, nil
	}
	acronym := strings.TrimSuffix(gloss, ")")
	if !initialsOf(acronym, base) {
		return []string{p}, nil
	}
	out := []string{base}
	if len(acronym) >= 4 {
		out = append(out, acronym)
	}
	return nil, out
}

// withoutInitials returns phrase p without its middle initials ("MIKHAIL
// S. GORBACHEV" → "MIKHAIL GORBACHEV"), or "" when it has none or too
// little would remain.
func withoutInitials(p string) string {
	words := strings.Fields(p)
	if len(words) < 3 || len(words[0]) <= 2 {
		return "" // ("J. R. JAYEWARDENE" is no "J. JAYEWARDENE")
	}
	kept := words[:1:1]
	for i, w := range words[1:] {
		if i+2 < len(words) && len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z' {
			continue
		}
		kept = append(kept, w)
	}
	if len(kept) == len(words) || len(kept) < 2 {
		return ""
	}
	return strings.Join(kept, " ")
}

// initialsOf reports whether acronym, of two or more letters, starts with
// the first word's initial and follows, in order, initials of the words of
// phrase, hyphenated parts counting as words ("LTTE" in "LIBERATION
// TIGERS OF TAMIL EELAM", "JEM" in "JAISH-E-MOHAMMAD").
func initialsOf(acronym, phrase string) bool {
	words := strings.FieldsFunc(phrase, func(r rune) bool { return r == ' ' || r == '-' })
	if len(acronym) < 2 || len(words) < 2 || acronym[0] != words[0][0] {
		return false
	}
	i := 0
	for _, w := range words {
		if i < len(acronym) && w[0] == acronym[i] {
			i++
		}
	}
	return i == len(acronym)
}

// cutComment removes a '#' comment and one-line <!-- --> comments.
func cutComment(line string) string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	for {
		i := strings.Index(line, "<!--")
		if i < 0 {
			break
		}
		j := strings.Index(line[i:], "-->")
		if j < 0 {
			line = line[:i]
			break
		}
		line = line[:i] + line[i+j+3:]
	}
	return strings.TrimRight(line, " \t\r")
}

// ReadActors reads a Phoenix actor dictionary. It follows PETRARCH-2 syntax
// with four deliberate fixes: the last entry of the file is kept, a name
// written with blanks and no code is one phrase, a bare single date
// means "from that date", and a run of bare names followed by date lines
// is one entry, as CountryInfo writes its leaders ("BORIS_YELTSIN_",
// "YELTSIN", "PRESIDENT_YELTSIN", then the dated codes). Lines with an
// unreadable code are reported with their line number.
func ReadActors(r io.Reader) ([]ActorEntry, error) {
	var out []ActorEntry
	var cur *ActorEntry
	// bare: cur so far holds only names from lines without "+" or codes,
	// so the next bare name continues it.
	bare := false
	flush := func() {
		if cur != nil && len(cur.Phrases) > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	// phrases written plainly, to which those derived from a bracketed
	// acronym yield
	// (a derived phrase is marked with a leading NUL until the end)
	plain := map[string]bool{}
	add := func(name string) {
		ps, derived := namePhrases(name)
		for _, p := range ps {
			plain[p] = true
			cur.Phrases = append(cur.Phrases, p)
		}
		for _, p := range derived {
			cur.Phrases = append(cur.Phrases, "\x00"+p)
		}
	}
	err := dictLines(r, func(n int, line string) error {
		switch {
		case strings.HasPrefix(line, "["):
			if cur == nil {
				return nil
			}
			codes, err := parseCodeBlocks(line)
			if err != nil {
				return fmt.Errorf("line %d: %w", n, err)
			}
			cur.Codes = append(cur.Codes, codes...)
			bare = false
		case strings.HasPrefix(line, "+"):
			if cur == nil {
				return nil
			}
			bare = false
			name, rest, _ := strings.Cut(line[1:], "[")
			add(name)
			if rest != "" {
				codes, err := parseCodeBlocks("[" + rest)
				if err != nil {
					return fmt.Errorf("line %d: %w", n, err)
				}
				cur.Codes = append(cur.Codes, codes...)
			}
		default:
			name, rest, hasCode := strings.Cut(line, "[")
			if !bare || hasCode {
				flush()
				cur = &ActorEntry{}
			}
			bare = !hasCode
			add(name)
			if hasCode {
				codes, err := parseCodeBlocks("[" + rest)
				if err != nil {
					return fmt.Errorf("line %d: %w", n, err)
				}
				cur.Codes = append(cur.Codes, codes...)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	flush()
	// a derived phrase yields to the same phrase written plainly
	kept := out[:0]
	for _, e := range out {
		ps := e.Phrases[:0]
		for _, p := range e.Phrases {
			if d, ok := strings.CutPrefix(p, "\x00"); ok {
				if plain[d] {
					continue
				}
				p = d
			}
			ps = append(ps, p)
		}
		if e.Phrases = ps; len(ps) > 0 {
			kept = append(kept, e)
		}
	}
	return kept, nil
}

// dictLines calls fn with each line of a Phoenix dictionary that has
// content, numbered from 1: lines starting with "#" or "<!" are skipped,
// comments cut and blanks trimmed. It stops at fn's first error.
func dictLines(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		if strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "<!") {
			continue
		}
		line := strings.TrimSpace(cutComment(raw))
		if line == "" {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}

// parseCodeBlocks reads "[A] [B 700101-990809] trailing junk".
func parseCodeBlocks(s string) ([]DatedCode, error) {
	var out []DatedCode
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return out, nil
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return out, fmt.Errorf("unclosed code in %q", s)
		}
		body := strings.TrimSpace(s[i+1 : i+j])
		s = s[i+j+1:]
		if body == "" || body == "~" || body == "~~" {
			continue
		}
		dc, err := ParseCode(body)
		if err != nil {
			return out, err
		}
		out = append(out, dc)
	}
}

// WriteActors writes entries in canonical Phoenix syntax: the primary
// phrase with every code on one line, synonyms on "+" lines, full
// YYYYMMDD dates.
func WriteActors(w io.Writer, entries []ActorEntry) error {
	bw := bufio.NewWriter(w)
	for _, e := range entries {
		bw.WriteString(strings.ReplaceAll(e.Phrases[0], " ", "_"))
		for _, c := range e.Codes {
			bw.WriteString(" [" + c.String() + "]")
		}
		bw.WriteByte('\n')
		for _, p := range e.Phrases[1:] {
			bw.WriteString("+" + strings.ReplaceAll(p, " ", "_") + "\n")
		}
	}
	return bw.Flush()
}
