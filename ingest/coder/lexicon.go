package coder

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/dyadgraph/dyad/ingest/coder/internal/dict"
)

//go:embed data/*.gz data/dyad.*.txt
var dataFS embed.FS

// phraseIndex finds the longest dictionary phrase starting at a token. Phrases
// are grouped by their first word and tried longest first.
type phraseIndex struct {
	first map[string][]int32 // first word → phrase ids, longest first
	words [][]string
}

func newPhraseIndex() *phraseIndex { return &phraseIndex{first: map[string][]int32{}} }

// add stores a phrase and returns its id, or the id of the identical phrase
// already stored (second result false).
func (p *phraseIndex) add(words []string) (int32, bool) {
	if len(words) == 0 {
		return -1, false
	}
	for _, id := range p.first[words[0]] {
		if equalWords(p.words[id], words) {
			return id, false
		}
	}
	id := int32(len(p.words))
	p.words = append(p.words, words)
	p.first[words[0]] = append(p.first[words[0]], id)
	return id, true
}

func (p *phraseIndex) sortLongestFirst() {
	for k, ids := range p.first {
		sort.SliceStable(ids, func(i, j int) bool { return len(p.words[ids[i]]) > len(p.words[ids[j]]) })
		p.first[k] = ids
	}
}

// match returns the id and length of the longest phrase at toks[i:], or -1.
func (p *phraseIndex) match(toks []token, i int) (int32, int) {
	for _, id := range p.first[toks[i].up] {
		w := p.words[id]
		if i+len(w) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(w); k++ {
			if toks[i+k].up != w[k] {
				ok = false
				break
			}
		}
		if ok {
			return id, len(w)
		}
	}
	return -1, 0
}

// hyphenated returns the id of the phrase whose words are the hyphen-joined
// parts of word ("GUINEA-BISSAU" → "GUINEA BISSAU"), or -1.
func (p *phraseIndex) hyphenated(word string) int32 {
	parts := strings.Split(word, "-")
	if len(parts) < 2 {
		return -1
	}
	for _, id := range p.first[parts[0]] {
		if equalWords(p.words[id], parts) {
			return id
		}
	}
	return -1
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// phraseWords splits a normalised dictionary phrase into match tokens, using
// the same rules as the sentence tokenizer ("EGYPT'S" → "EGYPT", "'S").
func phraseWords(p string) []string {
	toks := tokenize(p)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.up
	}
	return out
}

// actorInfo is what an actor phrase codes to.
type actorInfo struct {
	name  string
	codes []dict.DatedCode
}

// verbInfo is one verb form.
type verbInfo struct {
	lemma, block, code string
	particles          []string
}

// lexicon holds every dictionary, immutable after New.
type lexicon struct {
	actors     *phraseIndex
	actorInfo  []actorInfo
	agents     *phraseIndex
	agentCode  []string
	verbs      map[string][]verbInfo // form → variants (first definition first)
	blockCode  map[string]string
	patterns   map[string]*blockPatterns
	discards   *phraseIndex
	discardAll []bool // story-level
	places     *phraseIndex
	placeInfo  []placeInfo
}

type placeInfo struct {
	name, country string
	lat, lon      float64
}

func readEmbedded(name string) (io.Reader, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return zr, nil
	}
	return bytes.NewReader(b), nil
}

func loadLexicon(opts Options) (*lexicon, error) {
	lx := &lexicon{
		actors:    newPhraseIndex(),
		agents:    newPhraseIndex(),
		verbs:     map[string][]verbInfo{},
		blockCode: map[string]string{},
		patterns:  map[string]*blockPatterns{},
		discards:  newPhraseIndex(),
		places:    newPhraseIndex(),
	}
	// Actors: built-ins, then Dyad's additions, then the user's files (which override).
	// Dyad's entries replace the built-in codes of identical phrases (they
	// carry whole dated histories).
	for _, name := range []string{"actors.txt.gz", "dyad.actors.txt"} {
		r, err := readEmbedded(name)
		if err != nil {
			return nil, err
		}
		if err := lx.addActors(r, name == "dyad.actors.txt"); err != nil {
			return nil, fmt.Errorf("coder: %s: %w", name, err)
		}
	}
	for _, path := range opts.ActorFiles {
		if err := withFile(path, func(r io.Reader) error { return lx.addActors(r, true) }); err != nil {
			return nil, err
		}
	}
	for _, name := range []string{"agents.txt.gz", "dyad.agents.txt"} {
		r, err := readEmbedded(name)
		if err != nil {
			return nil, err
		}
		if err := lx.addAgents(r); err != nil {
			return nil, fmt.Errorf("coder: %s: %w", name, err)
		}
	}
	for _, path := range opts.AgentFiles {
		if err := withFile(path, lx.addAgents); err != nil {
			return nil, err
		}
	}
	// Verbs: user files first, so their forms win (first definition wins),
	// then Dyad's additions, then the built-in CAMEO.2.0 dictionary. The
	// built-in file is read first for its synsets, which the others may use.
	r, err := readEmbedded("verbs.txt.gz")
	if err != nil {
		return nil, err
	}
	builtin, err := dict.ReadVerbs(r)
	if err != nil {
		return nil, fmt.Errorf("coder: verbs.txt.gz: %w", err)
	}
	addWithSynsets := func(r io.Reader) error {
		v, err := dict.ReadVerbsWith(r, builtin.Synsets)
		if err != nil {
			return err
		}
		lx.addVerbs(v)
		return nil
	}
	for _, path := range opts.VerbFiles {
		if err := withFile(path, addWithSynsets); err != nil {
			return nil, err
		}
	}
	r, err = readEmbedded("dyad.verbs.txt")
	if err != nil {
		return nil, err
	}
	if err := addWithSynsets(r); err != nil {
		return nil, fmt.Errorf("coder: dyad.verbs.txt: %w", err)
	}
	lx.addVerbs(builtin)
	r, err = readEmbedded("discards.txt.gz")
	if err != nil {
		return nil, err
	}
	if err := lx.addDiscards(r); err != nil {
		return nil, fmt.Errorf("coder: discards: %w", err)
	}
	r, err = readEmbedded("places.tsv.gz")
	if err != nil {
		return nil, err
	}
	if err := lx.addPlaces(r); err != nil {
		return nil, fmt.Errorf("coder: places: %w", err)
	}
	lx.actors.sortLongestFirst()
	lx.agents.sortLongestFirst()
	lx.discards.sortLongestFirst()
	lx.places.sortLongestFirst()
	return lx, nil
}

func withFile(path string, f func(io.Reader) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("coder: %w", err)
	}
	defer fh.Close()
	if err := f(bufio.NewReader(fh)); err != nil {
		return fmt.Errorf("coder: %s: %w", path, err)
	}
	return nil
}

// addActors merges an actor file. Built-in phrases that occur in several
// entries concatenate their code lists (PETRARCH-2 semantics); phrases from
// an overriding file replace the existing codes.
func (lx *lexicon) addActors(r io.Reader, override bool) error {
	entries, err := dict.ReadActors(r)
	if err != nil {
		return err
	}
	seen := map[int32]bool{}
	for _, e := range entries {
		// The longest phrase names the actor best ("United Nations", not "The Un").
		longest := e.Phrases[0]
		for _, p := range e.Phrases[1:] {
			if len(phraseWords(p)) > len(phraseWords(longest)) {
				longest = p
			}
		}
		name := titleCase(longest)
		for _, p := range e.Phrases {
			w := phraseWords(p)
			if len(w) == 0 {
				continue
			}
			id, isNew := lx.actors.add(w)
			if isNew {
				lx.actorInfo = append(lx.actorInfo, actorInfo{name: name, codes: append([]dict.DatedCode(nil), e.Codes...)})
				seen[id] = true
				continue
			}
			if override && !seen[id] {
				lx.actorInfo[id] = actorInfo{name: name, codes: append([]dict.DatedCode(nil), e.Codes...)}
				seen[id] = true
				continue
			}
			lx.actorInfo[id].codes = append(lx.actorInfo[id].codes, e.Codes...)
		}
	}
	return nil
}

func (lx *lexicon) addAgents(r io.Reader) error {
	as, err := dict.ReadAgents(r)
	if err != nil {
		return err
	}
	for _, a := range as {
		if strings.Contains(a.Phrase, "!") {
			continue
		}
		w := phraseWords(a.Phrase)
		if len(w) == 0 {
			continue
		}
		id, isNew := lx.agents.add(w)
		if isNew {
			lx.agentCode = append(lx.agentCode, a.Code)
		} else {
			lx.agentCode[id] = a.Code // later lines override
		}
	}
	return nil
}

func (lx *lexicon) addVerbs(v *dict.Verbs) {
	for b, c := range v.BlockCode {
		if _, ok := lx.blockCode[b]; !ok {
			lx.blockCode[b] = c
		}
	}
	for _, vb := range v.Verbs {
		lx.verbs[vb.Form] = append(lx.verbs[vb.Form], verbInfo{lemma: vb.Lemma, block: vb.Block, code: vb.Code, particles: vb.Particles})
	}
	cache := map[string]*celem{}
	added := map[string]*blockPatterns{}
	for _, p := range v.Patterns {
		bp := lx.patterns[p.Block]
		if bp == nil {
			bp = &blockPatterns{}
			lx.patterns[p.Block] = bp
		}
		// a pattern already defined by an earlier file (user or Dyad
		// additions) takes precedence over the same pattern here
		key := strings.TrimSpace(strings.TrimSuffix(p.Text, "["+p.Code+"]"))
		if bp.keys[key] {
			continue
		}
		added[p.Block+"\x00"+key] = bp
		bp.add(cpattern{pre: compileElems(p.Pre, cache), post: compileElems(p.Post, cache), code: p.Code, text: p.Block + " " + p.Text})
	}
	for k, bp := range added {
		if bp.keys == nil {
			bp.keys = map[string]bool{}
		}
		_, key, _ := strings.Cut(k, "\x00")
		bp.keys[key] = true
	}
}

func (lx *lexicon) addDiscards(r io.Reader) error {
	ds, err := dict.ReadDiscards(r)
	if err != nil {
		return err
	}
	for _, d := range ds {
		// Bare years (1914–2013) discard historical references in
		// PETRARCH-2; Dyad resolves "in 2011" as a date instead.
		if _, err := strconv.Atoi(d.Phrase); err == nil {
			continue
		}
		w := phraseWords(d.Phrase)
		if len(w) == 0 {
			continue
		}
		if _, isNew := lx.discards.add(w); isNew {
			lx.discardAll = append(lx.discardAll, d.Story)
		}
	}
	return nil
}

func (lx *lexicon) addPlaces(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return fmt.Errorf("bad place line %q", line)
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("bad coordinates in %q", line)
		}
		pi := placeInfo{name: f[0], country: f[2], lat: lat, lon: lon}
		names := []string{f[0]}
		if f[1] != "" {
			names = append(names, strings.Split(f[1], "|")...)
		}
		for _, n := range names {
			w := phraseWords(strings.ToUpper(n))
			if len(w) == 0 || len(w) == 1 && len(w[0]) < 3 {
				continue
			}
			// Rows come most populous first: the first city of a name wins.
			if _, isNew := lx.places.add(w); isNew {
				lx.placeInfo = append(lx.placeInfo, pi)
			}
		}
	}
	return sc.Err()
}

// titleCase turns "VLADIMIR PUTIN" into "Vladimir Putin".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if len(w) <= 3 && strings.ContainsRune(w, '.') {
			words[i] = strings.ToUpper(w)
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
