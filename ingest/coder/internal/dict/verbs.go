package dict

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Verb is one inflected verb form of a CAMEO.2.0 verb block.
type Verb struct {
	Form      string   // upper-case word form, the lookup key: "MET"
	Particles []string // words that must follow the verb: ["WITH"]
	Lemma     string   // base form of the dictionary line: "MEET"
	Block     string   // verb block name: "MEET_PEOPLE"
	Code      string   // code of the verb line, "" = the block code
}

// Elem is one element of a verb pattern: a preposition or a word slot with
// its admissible words (each alternative may span several words).
type Elem struct {
	Tok  string     // the token as written: "&WEAPON", "AID", "(BY/WITH"
	Prep string     // "IN", "AGAINST" ("BY/WITH" allows both); "" for a word slot
	Alts [][]string // admissible words of a slot; nil for a preposition
}

// Pattern is one "- pre * post [CODE]" line of a verb block.
type Pattern struct {
	Block     string
	Pre, Post []Elem
	Code      string // "190", "042:043", ":173", "---"
	Text      string // the pattern line as written, for evidence
}

// Verbs is a parsed verb dictionary.
type Verbs struct {
	BlockCode map[string]string // block name → block code ("---" = none)
	Verbs     []Verb
	Patterns  []Pattern
	Synsets   map[string][]string // name (with &) → members, words joined by spaces
}

// NormCode cleans a code token: keeps digits, ':' and '-', so "080!" → "080".
func NormCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' || r == ':' || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// RegularForms returns the regular inflections PETRARCH-2 generates for a
// base verb (plus the Y→IED past the original reader lacks).
func RegularForms(w string) []string {
	out := []string{w}
	switch {
	case strings.HasSuffix(w, "S"), strings.HasSuffix(w, "X"), strings.HasSuffix(w, "Z"), strings.HasSuffix(w, "CH"), strings.HasSuffix(w, "SH"):
		out = append(out, w+"ES")
	case strings.HasSuffix(w, "Y") && len(w) > 1 && !strings.ContainsRune("AEIOU", rune(w[len(w)-2])):
		out = append(out, w[:len(w)-1]+"IES", w[:len(w)-1]+"IED")
	default:
		out = append(out, w+"S")
	}
	if strings.HasSuffix(w, "E") {
		out = append(out, w+"D")
	} else if !strings.HasSuffix(w, "Y") || len(w) < 2 || strings.ContainsRune("AEIOU", rune(w[len(w)-2])) {
		out = append(out, w+"ED")
	}
	if strings.HasSuffix(w, "E") && len(w) > 2 && !strings.ContainsRune("AEIOU", rune(w[len(w)-2])) && !strings.HasSuffix(w, "EE") {
		out = append(out, w[:len(w)-1]+"ING")
	} else {
		out = append(out, w+"ING")
	}
	return out
}

// splitVerbWord splits "+MEET_WITH" / "PRE_+VERB_PART" into the key word and
// its particles; prefix words are dropped as in PETRARCH-2.
func splitVerbWord(s string) (key string, particles []string) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '+'); i >= 0 {
		s = s[i+1:]
	}
	f := strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == '_' || r == ' ' })
	if len(f) == 0 {
		return "", nil
	}
	return f[0], f[1:]
}

// ReadVerbs reads a CAMEO.2.0-style verb dictionary: synsets, verb blocks
// with verb lines and pattern lines. Transformations ("~" lines) are ignored.
// Malformed codes are cleaned (NormCode) rather than leaked into output.
func ReadVerbs(r io.Reader) (*Verbs, error) {
	return ReadVerbsWith(r, nil)
}

// ReadVerbsWith reads a verb dictionary whose patterns may also name the
// synsets of base (the built-in dictionary's), so that an additions file
// can write "&TREATY" without repeating the synset.
func ReadVerbsWith(r io.Reader, base map[string][]string) (*Verbs, error) {
	v := &Verbs{BlockCode: map[string]string{}, Synsets: map[string][]string{}}
	for name, members := range base {
		v.Synsets[name] = members
	}
	type rawPat struct {
		block, text, code string
		line              int
	}
	var raws []rawPat
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	inPatterns := false
	synset := ""
	block := ""
	for sc.Scan() {
		n++
		raw := sc.Text()
		if strings.HasPrefix(raw, "####### VERB PATTERNS") || strings.HasPrefix(raw, "#######VERB PATTERNS") {
			inPatterns = true
			continue
		}
		if strings.HasPrefix(raw, "######## TRANSFORMATIONS") {
			break
		}
		line := strings.TrimSpace(cutComment(raw))
		if line == "" {
			continue
		}
		if !inPatterns {
			switch {
			case strings.HasPrefix(line, "&"):
				synset = strings.Fields(line)[0]
				v.Synsets[synset] = nil
			case strings.HasPrefix(line, "+") && synset != "":
				v.Synsets[synset] = append(v.Synsets[synset], strings.TrimSpace(line[1:]))
			case strings.HasPrefix(line, "---"):
				inPatterns = true // a file without synset section
			default:
				continue
			}
			if !inPatterns {
				continue
			}
		}
		switch {
		case strings.HasPrefix(line, "---"):
			i := strings.IndexByte(line, '[')
			j := strings.IndexByte(line, ']')
			if i < 0 || j < i {
				return nil, fmt.Errorf("line %d: verb block header without code: %q", n, line)
			}
			block = strings.Trim(strings.TrimSpace(line[3:i]), "- ")
			if block == "" {
				return nil, fmt.Errorf("line %d: verb block without name", n)
			}
			code := NormCode(line[i+1 : j])
			if code == "" || strings.Trim(code, "-") == "" {
				code = "---"
			}
			v.BlockCode[block] = code
		case strings.HasPrefix(line, "~"), strings.HasPrefix(line, "&"):
			continue
		case strings.HasPrefix(line, "-"):
			if block == "" {
				return nil, fmt.Errorf("line %d: pattern outside a verb block", n)
			}
			i := strings.LastIndexByte(line, '[')
			if i < 0 {
				return nil, fmt.Errorf("line %d: pattern without code: %q", n, line)
			}
			code := NormCode(line[i:])
			if code == "" {
				code = "---"
			}
			raws = append(raws, rawPat{block, strings.TrimSpace(line[1:i]), code, n})
		default:
			if block == "" {
				return nil, fmt.Errorf("line %d: verb outside a verb block", n)
			}
			code := ""
			body := line
			var irregular []string
			hasBraces := false
			if a := strings.IndexByte(body, '{'); a >= 0 {
				b := strings.IndexByte(body, '}')
				if b < a {
					return nil, fmt.Errorf("line %d: unclosed {", n)
				}
				hasBraces = true
				irregular = strings.Fields(body[a+1 : b])
				body = body[:a] + " " + body[b+1:]
			}
			if a := strings.IndexByte(body, '['); a >= 0 {
				code = NormCode(body[a:])
				body = body[:a]
			}
			key, parts := splitVerbWord(body)
			if key == "" {
				continue
			}
			lemma := key
			add := func(form string, parts []string) {
				v.Verbs = append(v.Verbs, Verb{Form: form, Particles: parts, Lemma: lemma, Block: block, Code: code})
			}
			if hasBraces {
				add(key, parts)
				for _, f := range irregular {
					k, p := splitVerbWord(f)
					if k != "" {
						if len(p) == 0 {
							p = parts
						}
						add(k, p)
					}
				}
			} else {
				for _, f := range RegularForms(key) {
					add(f, parts)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, rp := range raws {
		pre, post, _ := strings.Cut(rp.text, "*")
		p := Pattern{Block: rp.block, Code: rp.code, Text: "- " + rp.text + " [" + rp.code + "]"}
		var err error
		if p.Pre, err = v.parseElems(pre); err == nil {
			p.Post, err = v.parseElems(post)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", rp.line, err)
		}
		if len(p.Pre)+len(p.Post) == 0 && !strings.Contains(rp.text, "*") {
			continue
		}
		v.Patterns = append(v.Patterns, p)
	}
	return v, nil
}

// expand returns the admissible words of a pattern token: synset members
// (recursively) with their plurals, or the word and its plural.
func (v *Verbs) expand(tok string, depth int) [][]string {
	if strings.HasPrefix(tok, "&") && depth < 5 {
		members, ok := v.Synsets[tok]
		if !ok {
			members, ok = v.Synsets[tok+"_"]
		}
		if !ok {
			return nil // undefined synset: a dead slot
		}
		var out [][]string
		for _, m := range members {
			m = strings.TrimSpace(m)
			if strings.HasPrefix(m, "&") {
				out = append(out, v.expand(m, depth+1)...)
				continue
			}
			w := Phrase(m)
			if w == "" {
				continue
			}
			out = append(out, strings.Fields(w))
			if !strings.HasSuffix(m, "_") && !strings.Contains(w, " ") {
				if p := plural(w); p != "" {
					out = append(out, []string{p})
				}
			}
		}
		return out
	}
	w := strings.ToUpper(tok)
	out := [][]string{{w}}
	if p := plural(w); p != "" && len(w) > 2 {
		out = append(out, []string{p})
	}
	return out
}

// parseElems reads one side of a pattern.
func (v *Verbs) parseElems(s string) ([]Elem, error) {
	s = strings.NewReplacer("(", " ( ", ")", " ) ", "{", " { ", "}", " } ").Replace(s)
	toks := strings.Fields(s)
	var out []Elem
	expectPrep := false
	for _, t := range toks {
		switch t {
		case "(":
			expectPrep = true
		case ")", "{", "}":
		case "^", "$", "+", "%", "*", "-":
		default:
			if expectPrep {
				out = append(out, Elem{Tok: "(" + strings.ToUpper(t), Prep: strings.ToUpper(t)})
				expectPrep = false
				continue
			}
			out = append(out, Elem{Tok: strings.ToUpper(t), Alts: v.expand(t, 0)})
		}
	}
	return out, nil
}
