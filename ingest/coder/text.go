package coder

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of a sentence.
type token struct {
	text       string // as written (quotes normalised)
	up         string // upper case, the dictionary key
	start, end int    // byte offsets in the sentence
	cap        bool   // starts with an upper-case letter
	punct      bool
}

// abbreviations keep their final period and do not end a sentence.
var abbreviations = map[string]bool{
	"MR": true, "MRS": true, "MS": true, "DR": true, "PROF": true, "GEN": true, "LT": true, "COL": true, "CAPT": true,
	"SGT": true, "MAJ": true, "ADM": true, "SEN": true, "REP": true, "GOV": true, "PRES": true, "SEC": true, "AMB": true,
	"ST": true, "MT": true, "JR": true, "SR": true, "INC": true, "CORP": true, "CO": true, "LTD": true, "BROS": true,
	"JAN": true, "FEB": true, "MAR": true, "APR": true, "JUN": true, "JUL": true, "AUG": true, "SEP": true, "SEPT": true,
	"OCT": true, "NOV": true, "DEC": true, "NO": true, "VS": true, "ETC": true, "AL": true, "FIG": true, "EST": true,
	"REV": true, "GOVT": true, "DEPT": true, "U.S": true, "U.N": true, "U.K": true, "E.U": true,
}

// sentenceStarters end a sentence after an initialism such as "U.S.".
var sentenceStarters = map[string]bool{
	"THE": true, "HE": true, "SHE": true, "IT": true, "THEY": true, "WE": true, "I": true, "BUT": true, "IN": true,
	"A": true, "AN": true, "THIS": true, "THAT": true, "THERE": true, "ON": true, "AT": true, "HIS": true, "HER": true,
	"THEIR": true, "ITS": true, "MEANWHILE": true, "HOWEVER": true, "AFTER": true, "ACCORDING": true,
}

var quoteReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"", "\u2013", "-", "\u2014", " - ", "\u00a0", " ")

// normalizeText repairs typographic quotes and dashes.
func normalizeText(s string) string {
	if isASCII(s) {
		return s
	}
	return quoteReplacer.Replace(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isWordByte(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// tokenize splits a sentence into tokens. Possessive 's and n't are split
// off; initialisms (U.S.) and known abbreviations keep their period;
// hyphenated words stay whole.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5+1)
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		if !isWordByte(r) {
			toks = append(toks, token{text: s[i : i+w], up: s[i : i+w], start: i, end: i + w, punct: true})
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if isWordByte(r) {
				j += w
				continue
			}
			// internal joiners: letter-letter, digit,digit
			if (r == '-' || r == '.' || r == '\'' || r == '&' || r == ',' || r == '/') && j+w < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[j+w:])
				if isWordByte(r2) && (r != ',' || unicode.IsDigit(r2) && j > i && s[j-1] >= '0' && s[j-1] <= '9') {
					if r == '\'' && (strings.HasPrefix(strings.ToLower(s[j+w:]), "s") && (j+w+1 >= len(s) || !isWordByteAt(s, j+w+1))) {
						break // possessive 's
					}
					j += w
					continue
				}
			}
			break
		}
		word := s[i:j]
		// trailing period: keep for initialisms and abbreviations
		if j < len(s) && s[j] == '.' {
			up := strings.ToUpper(word)
			if abbreviations[up] || isInitialism(word) || middleInitial(s, i, j) {
				word = s[i : j+1]
				j++
			}
		}
		up := strings.ToUpper(word)
		// "didn't" → "did" "not"; "can't" → "can" "not"
		if strings.HasSuffix(up, "N'T") && len(up) > 3 {
			base := word[:len(word)-3]
			toks = append(toks, mkToken(base, i))
			toks = append(toks, token{text: "n't", up: "NOT", start: i + len(base), end: j})
			i = j
			continue
		}
		toks = append(toks, mkToken(word, i))
		i = j
		// possessive
		if i+1 < len(s) && s[i] == '\'' && (s[i+1] == 's' || s[i+1] == 'S') && (i+2 >= len(s) || !isWordByteAt(s, i+2)) {
			toks = append(toks, token{text: s[i : i+2], up: "'S", start: i, end: i + 2})
			i += 2
		}
	}
	return toks
}

func isWordByteAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordByte(r)
}

func mkToken(word string, start int) token {
	r, _ := utf8.DecodeRuneInString(word)
	return token{text: word, up: strings.ToUpper(word), start: start, end: start + len(word), cap: unicode.IsUpper(r)}
}

// isInitialism reports "U.S", "U.N", "E.U" style words (letters separated by dots).
// middleInitial reports the single capital letter s[i:j] of a name, as in
// "George W. Bush": a capitalised word before it, a capitalised one after.
func middleInitial(s string, i, j int) bool {
	if j-i != 1 || s[i] < 'A' || s[i] > 'Z' || i < 2 || s[i-1] != ' ' || j+2 >= len(s) || s[j+1] != ' ' {
		return false
	}
	after := s[j+2]
	k := i - 2
	for k > 0 && s[k-1] != ' ' {
		k--
	}
	return after >= 'A' && after <= 'Z' && s[k] >= 'A' && s[k] <= 'Z'
}

func isInitialism(w string) bool {
	if len(w) < 3 || !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if len(part) != 1 {
			return false
		}
	}
	return true
}

// splitSentences splits a text into sentences: blank lines end paragraphs
// (and sentences); inside a paragraph a sentence ends at . ! or ? followed
// by white space and an upper-case letter, digit or quote, unless the word
// before the period is a known abbreviation or an initialism not followed
// by a typical sentence opener.
func splitSentences(text string) []string {
	var out []string
	for _, para := range splitParagraphs(text) {
		start := 0
		n := len(para)
		for i := 0; i < n; i++ {
			c := para[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < n && (para[j] == '"' || para[j] == '\'' || para[j] == ')') {
				j++
			}
			if j >= n {
				break
			}
			if para[j] != ' ' && para[j] != '\t' && para[j] != '\n' {
				continue
			}
			k := j
			for k < n && (para[k] == ' ' || para[k] == '\t' || para[k] == '\n') {
				k++
			}
			if k >= n {
				break
			}
			nr, _ := utf8.DecodeRuneInString(para[k:])
			if !(unicode.IsUpper(nr) || unicode.IsLetter(nr) && !unicode.IsLower(nr) || unicode.IsDigit(nr) || nr == '"' || nr == '\'' || nr == '(') {
				continue
			}
			if c == '.' {
				w := lastWord(para[start:i])
				up := strings.ToUpper(w)
				if abbreviations[up] && !isInitialism(w) {
					continue
				}
				if isInitialism(w) || len(w) == 1 && unicode.IsUpper(rune(w[0])) {
					nw := strings.ToUpper(firstWord(para[k:]))
					if !sentenceStarters[nw] {
						continue
					}
				}
			}
			if s := strings.TrimSpace(para[start:j]); s != "" {
				out = append(out, s)
			}
			start = k
			i = k - 1
		}
		if s := strings.TrimSpace(para[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func splitParagraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func lastWord(s string) string {
	i := strings.LastIndexAny(s, " \t\n(\"")
	return s[i+1:]
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, "\"'(")
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// englishWords are frequent English function words used by the language check.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "was": true, "for": true,
	"on": true, "that": true, "said": true, "with": true, "by": true, "at": true, "from": true, "it": true, "as": true,
	"has": true, "have": true, "are": true, "were": true, "an": true, "its": true, "his": true, "be": true, "will": true,
	"after": true, "he": true, "they": true, "not": true, "but": true, "their": true, "which": true, "who": true,
	"against": true, "new": true, "over": true, "into": true, "had": true, "been": true, "would": true,
	"could": true, "under": true, "between": true, "during": true, "before": true, "while": true, "more": true,
	"other": true, "two": true, "three": true, "this": true, "there": true, "we": true, "she": true, "her": true,
	"him": true, "them": true, "or": true, "if": true, "can": true, "did": true, "than": true, "some": true,
	"any": true, "all": true, "last": true, "about": true, "because": true, "should": true,
}

// foreignWords are function words of other languages in Latin script
// (German, French, Spanish, Portuguese, Italian, Dutch, Indonesian) that
// English text does not use.
var foreignWords = map[string]bool{
	"der": true, "das": true, "und": true, "ist": true, "nicht": true, "mit": true, "von": true,
	"zu": true, "dem": true, "sich": true, "auf": true, "für": true, "auch": true, "wird": true,
	"les": true, "et": true, "est": true, "des": true, "du": true, "une": true,
	"dans": true, "pour": true, "sur": true, "avec": true, "qui": true, "pas": true, "au": true, "aux": true,
	"que": true, "por": true, "para": true,
	"una": true, "como": true, "pero": true,
	"il": true, "che": true, "è": true, "della": true, "sono": true,
	"het": true, "een": true, "voor": true, "niet": true, "zijn": true,
	"não": true, "em": true, "os": true, "uma": true, "dos": true, "yang": true,
	"dengan": true, "untuk": true, "dari": true, "ini": true, "itu": true, "tidak": true,
}

// lowerArticles are function words of other languages that also start
// English names ("El Salvador", "La Paz", "Los Angeles"); they count only
// in lower case.
var lowerArticles = map[string]bool{
	"el": true, "la": true, "le": true, "los": true, "las": true, "del": true, "se": true, "su": true,
	"y": true, "es": true, "al": true, "con": true, "di": true, "op": true, "lo": true, "un": true,
}

// textStats describes a text for the document-level checks.
type textStats struct {
	letters, latin, control, invalid, words, english, foreign int
}

func measure(s string) textStats {
	var st textStats
	inWord := false
	wordStart := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			st.invalid++
		}
		switch {
		case unicode.IsLetter(r):
			st.letters++
			if r < 0x250 {
				st.latin++
			}
			if !inWord {
				inWord, wordStart = true, i
			}
		default:
			if r < 0x20 && r != '\n' && r != '\t' && r != '\r' || r == 0xFFFD {
				st.control++
			}
			if inWord {
				st.words++
				if st.words <= 2000 {
					w := strings.ToLower(s[wordStart:i])
					if englishWords[w] {
						st.english++
					} else if foreignWords[w] || lowerArticles[s[wordStart:i]] {
						st.foreign++
					}
				}
				inWord = false
			}
		}
		i += w
	}
	if inWord {
		st.words++
		if w := strings.ToLower(s[wordStart:]); englishWords[w] {
			st.english++
		} else if foreignWords[w] || lowerArticles[s[wordStart:]] {
			st.foreign++
		}
	}
	return st
}

// documentSkip returns a reason to skip the whole document, or "".
func documentSkip(text string, maxBytes int) string {
	if strings.TrimSpace(text) == "" {
		return "empty text"
	}
	if len(text) > maxBytes {
		return "text too long"
	}
	st := measure(text)
	n := utf8.RuneCountInString(text)
	if st.invalid*20 > n || st.control*20 > n {
		return "binary or corrupt text"
	}
	if st.letters*3 < n {
		return "binary or corrupt text: too few letters"
	}
	if st.latin*10 < st.letters*6 {
		return "not English: non-Latin script"
	}
	words := st.words
	if words > 2000 {
		words = 2000
	}
	// few English function words: another language when its own function
	// words show, or when the text is long; a short run of names and
	// content words ("Islamic State militants beheaded American journalist
	// James Foley.") is a headline-style English sentence
	if words >= 8 && st.english*100 < words*8 && (st.foreign >= 2 && st.foreign > st.english || words >= 40) {
		return "not English"
	}
	return ""
}

// sentenceSkip returns a reason to skip one sentence, or "".
func sentenceSkip(s string, ntok, maxTokens int) string {
	if ntok > maxTokens {
		return "sentence too long"
	}
	st := measure(s)
	if st.letters == 0 {
		return "no words"
	}
	if st.latin*10 < st.letters*6 {
		return "non-Latin script"
	}
	return ""
}
