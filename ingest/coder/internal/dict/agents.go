package dict

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Agent is one agent phrase and its code, e.g. "TROOPS" → "~MIL".
type Agent struct {
	Phrase string // upper case, single spaces
	Code   string // "~MIL", or a bare actor code such as "IGO~"
}

// plural makes the regular plural PETRARCH-2 generates for a noun phrase:
// last word Y → IES, S → +ES, otherwise +S. Words already ending in IES or
// in a plural-looking S after a vowel are left alone (fixes the reader's
// double plurals such as AUTHORITIESES).
func plural(p string) string {
	switch {
	case strings.HasSuffix(p, "IES"), strings.HasSuffix(p, "MEN"):
		return ""
	case strings.HasSuffix(p, "Y") && !strings.HasSuffix(p, "AY") && !strings.HasSuffix(p, "EY") && !strings.HasSuffix(p, "OY"):
		return p[:len(p)-1] + "IES"
	case strings.HasSuffix(p, "S"), strings.HasSuffix(p, "X"), strings.HasSuffix(p, "CH"), strings.HasSuffix(p, "SH"):
		return p + "ES"
	}
	return p + "S"
}

// Plural is the exported form of the plural rule, for pattern nouns.
func Plural(p string) string { return plural(p) }

// ReadAgents reads a Phoenix agents file: "PHRASE {plural} [CODE]" lines and
// "!NAME! = a, b" substitution markers. Unlike the PETRARCH-2 reader it does
// not fall through after a marker expansion and it does not double-pluralise.
// Later lines override earlier ones, as in PETRARCH-2.
func ReadAgents(r io.Reader) ([]Agent, error) {
	markers := map[string][]string{}
	index := map[string]int{}
	var out []Agent
	add := func(p, code string) {
		p = Phrase(p)
		if p == "" {
			return
		}
		if i, ok := index[p]; ok {
			out[i].Code = code
			return
		}
		index[p] = len(out)
		out = append(out, Agent{p, code})
	}
	err := dictLines(r, func(n int, line string) error {
		if strings.HasPrefix(line, "!") && strings.Contains(line, "=") {
			name, list, _ := strings.Cut(line, "=")
			name = strings.TrimSpace(name)
			for _, it := range strings.Split(list, ",") {
				if it = strings.TrimSpace(it); it != "" {
					markers[name] = append(markers[name], strings.ToUpper(it))
				}
			}
			return nil
		}
		i := strings.IndexByte(line, '[')
		j := strings.LastIndexByte(line, ']')
		if i < 0 || j < i {
			return nil // PETRARCH-2 skips lines without a code
		}
		code := strings.ToUpper(strings.TrimSpace(line[i+1 : j]))
		head := line[:i]
		pl, hasPl := "", false
		if a := strings.IndexByte(head, '{'); a >= 0 {
			b := strings.IndexByte(head, '}')
			if b < a {
				return fmt.Errorf("line %d: unclosed {", n)
			}
			pl, hasPl = strings.TrimSpace(head[a+1:b]), true
			head = head[:a]
		}
		head = strings.TrimSpace(head)
		if a := strings.IndexByte(head, '!'); a >= 0 {
			b := strings.IndexByte(head[a+1:], '!')
			if b >= 0 {
				name := head[a : a+b+2]
				for _, it := range markers[name] {
					add(strings.Replace(head, name, it, 1), code)
				}
				return nil
			}
		}
		p := Phrase(head)
		add(p, code)
		switch {
		case hasPl && pl != "":
			add(pl, code)
		case !hasPl:
			if q := plural(p); q != "" {
				add(q, code)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// WriteAgents writes agents one per line as "PHRASE {} [CODE]" (plurals are
// already expanded).
func WriteAgents(w io.Writer, agents []Agent) error {
	bw := bufio.NewWriter(w)
	for _, a := range agents {
		fmt.Fprintf(bw, "%s {} [%s]\n", strings.ReplaceAll(a.Phrase, " ", "_"), a.Code)
	}
	return bw.Flush()
}

// Discard is one discard phrase; Story means the whole document is skipped.
type Discard struct {
	Phrase string
	Story  bool
}

// ReadDiscards reads a Phoenix discards file. Trailing underscores (meant as
// "whole word") are dropped; matching is always on whole words.
func ReadDiscards(r io.Reader) ([]Discard, error) {
	var out []Discard
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(cutComment(sc.Text()))
		if line == "" {
			continue
		}
		d := Discard{}
		if strings.HasPrefix(line, "+") {
			d.Story = true
			line = line[1:]
		}
		d.Phrase = Phrase(line)
		if d.Phrase != "" {
			out = append(out, d)
		}
	}
	return out, sc.Err()
}

// WriteDiscards writes discards one per line, "+" for story level.
func WriteDiscards(w io.Writer, ds []Discard) error {
	bw := bufio.NewWriter(w)
	for _, d := range ds {
		if d.Story {
			bw.WriteByte('+')
		}
		bw.WriteString(d.Phrase + "\n")
	}
	return bw.Flush()
}
