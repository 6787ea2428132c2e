package coder

import (
	"strings"

	"github.com/dyadgraph/dyad/ingest/coder/internal/dict"
)

// celem is a compiled pattern element.
type celem struct {
	preps  []string
	single map[string]bool
	multi  [][]string
}

// blockPatterns are the patterns of one verb block with a word index.
type blockPatterns struct {
	pats   []cpattern
	byWord map[string][]int32
	always []int32
	keys   map[string]bool // pattern text without code, for precedence
}

type cpattern struct {
	pre, post []*celem
	code      string
	text      string
}

// compileElems turns parsed elements into matchers, sharing synset tables.
func compileElems(es []dict.Elem, cache map[string]*celem) []*celem {
	out := make([]*celem, 0, len(es))
	for _, e := range es {
		if ce, ok := cache[e.Tok]; ok {
			out = append(out, ce)
			continue
		}
		ce := &celem{}
		if e.Prep != "" {
			ce.preps = strings.Split(e.Prep, "/")
		} else {
			ce.single = map[string]bool{}
			for _, alt := range e.Alts {
				if len(alt) == 1 {
					ce.single[alt[0]] = true
				} else if len(alt) > 1 {
					ce.multi = append(ce.multi, alt)
				}
			}
		}
		cache[e.Tok] = ce
		out = append(out, ce)
	}
	return out
}

func (bp *blockPatterns) add(p cpattern) {
	id := int32(len(bp.pats))
	bp.pats = append(bp.pats, p)
	// index by the words of the first word element (post side first)
	var first *celem
	for _, e := range append(append([]*celem{}, p.post...), p.pre...) {
		if e.preps == nil {
			first = e
			break
		}
	}
	if first == nil {
		if len(p.post) > 0 || len(p.pre) > 0 {
			bp.always = append(bp.always, id)
		}
		return
	}
	if bp.byWord == nil {
		bp.byWord = map[string][]int32{}
	}
	for w := range first.single {
		bp.byWord[w] = append(bp.byWord[w], id)
	}
	for _, m := range first.multi {
		bp.byWord[m[0]] = append(bp.byWord[m[0]], id)
	}
}

func (e *celem) matchAt(a *analysis, k int) int {
	u := a.toks[k].up
	if e.preps != nil {
		// "on Monday" is a date, not a prepositional object
		if ci := a.chunkAt(k + 1); ci >= 0 && a.chunks[ci].time {
			return 0
		}
		// "ordered the diplomat to leave": TO before a verb marks an
		// infinitive, not a prepositional object
		if u == "TO" && k+1 < len(a.toks) && len(a.verbs[k+1]) > 0 && a.ment[k+1] < 0 && a.formKindAt(k+1) == 'b' {
			return 0
		}
		for _, p := range e.preps {
			if p == u {
				return 1
			}
		}
		return 0
	}
	if e.single[u] {
		// "pressed Myanmar's coup leader on Saturday": the ON of a date is
		// not the ON of "pressed on"
		if a.is(k, wPrep) {
			if ci := a.chunkAt(k + 1); ci >= 0 && a.chunks[ci].time {
				return 0
			}
		}
		return 1
	}
	for _, m := range e.multi {
		if k+len(m) > len(a.toks) {
			continue
		}
		ok := true
		for x, w := range m {
			if a.toks[k+x].up != w {
				ok = false
				break
			}
		}
		if ok {
			return len(m)
		}
	}
	return 0
}

// matchPattern reports whether p matches with the subject tokens [ps, pe)
// and the tokens after the verb [from, to).
func (a *analysis) matchPattern(p *cpattern, ps, pe, from, to int) (bool, int) {
	for _, e := range p.pre {
		found := false
		for k := ps; k < pe && !found; k++ {
			found = e.matchAt(a, k) > 0
		}
		if !found {
			return false, 0
		}
	}
	pos := from
	first := -1
	lastPrep := -1
	// the direct object noun phrase counts as one unit however long ("a $3
	// billion package of military aid")
	near := from + 7
	if ci := a.chunkAt(from); ci >= 0 && a.chunks[ci].end > near && a.chunks[ci].prep == "" {
		near = a.chunks[ci].end
	}
	for _, e := range p.post {
		limit := to
		if e.preps == nil {
			if lastPrep >= 0 {
				limit = min(to, lastPrep+6)
			} else {
				limit = min(to, near)
			}
		}
		found := false
		for k := pos; k < limit; k++ {
			if n := e.matchAt(a, k); n > 0 {
				if e.preps != nil {
					lastPrep = k
				} else if first < 0 {
					first = k
				}
				pos = k + n
				found = true
				break
			}
		}
		if !found {
			return false, 0
		}
	}
	if first < 0 {
		first = to
	}
	return true, first
}

// bestPattern returns the most specific matching pattern of a block (more
// elements win; on a tie the later line wins), or nil.
func (a *analysis) bestPattern(block string, ps, pe, from, to int) *cpattern {
	bp := a.c.lx.patterns[block]
	if bp == nil {
		return nil
	}
	// More elements win; then the pattern whose first word is closest to
	// the verb (the direct object before a PP object); then the later line.
	var best *cpattern
	bestN, bestPos, bestID := -1, 0, int32(-1)
	try := func(id int32) {
		p := &bp.pats[id]
		n := len(p.pre) + len(p.post)
		if n < bestN {
			return
		}
		ok, pos := a.matchPattern(p, ps, pe, from, to)
		if !ok {
			return
		}
		if n > bestN || pos < bestPos || pos == bestPos && id > bestID {
			best, bestN, bestPos, bestID = p, n, pos, id
		}
	}
	for _, id := range bp.always {
		try(id)
	}
	seen := map[int32]bool{}
	scan := func(s, e int) {
		for k := s; k < e; k++ {
			for _, id := range bp.byWord[a.toks[k].up] {
				if !seen[id] {
					seen[id] = true
					try(id)
				}
			}
		}
	}
	scan(from, to)
	if ps < pe {
		scan(ps, pe)
	}
	return best
}

// splitCode splits "042:043" into active and passive codes; "---" means none.
func splitCode(code string) (active, passive string) {
	act, pas, has := strings.Cut(code, ":")
	clean := func(s string) string {
		s = strings.TrimSpace(s)
		if strings.Trim(s, "-") == "" {
			return ""
		}
		return s
	}
	if !has {
		return clean(act), ""
	}
	return clean(act), clean(pas)
}
