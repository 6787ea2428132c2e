// Package coder turns news text into CAMEO events (source actor, action
// code, target actor) with dates, places and provenance, in pure Go, from
// dictionaries embedded in the binary.
//
// Pipeline. Code first checks the document (empty, binary, too long, not
// English by script and function-word rate) and skips it with a reason. It
// splits paragraphs at blank lines and sentences with a rule-based splitter
// that knows abbreviations and initialisms (U.S., Sept., Gen.); a
// dependency-free splitter was chosen over github.com/neurosnap/sentences
// because wire text is regular, the rules are a few dozen lines, and it
// costs no allocations beyond the sentence strings. Each sentence is
// tokenized (possessive 's and n't split off, hyphenated words kept) and
// checked against the discard lists (PETRARCH-2 discards plus rules for
// sports, markets, weather, business and culture). Instead of a statistical
// POS tagger (prose/v2 tags a few thousand sentences per second, below the
// speed target, and its errors are the ones the dictionaries already
// resolve), tagging is lexicon driven: actor and agent phrases are matched
// first by longest match over the Phoenix dictionaries (countries,
// demonyms, capitals, IGOs, armed groups, people with dated roles resolved
// at the article date), then closed-class words (determiners, auxiliaries,
// prepositions, negation) are tagged from small lists, and verb forms come
// from the CAMEO.2.0 verb dictionary, whose inflected forms double as the
// lemmatizer; context rules decide whether an ambiguous form ("attacks",
// "strike") is a verb. Noun chunks are built between function words;
// agents combine with the chunk's actor (Russian troops → RUSMIL). For each
// verb group (auxiliaries, negation, infinitive complement) the subject is
// the nearest chunk to the left and the target the direct object, else a
// prepositional complement; passives take their source from the by-phrase;
// coordinated actors give one event per actor, and both directions for a
// coordinated subject of a symmetric verb. A target of unknown country
// ("soldiers") takes the source's country when the clause names no other
// (domestic events), and rebels, protesters or civilians of unknown
// country take the country they act on or in. Clause structure refines
// the roles: an aside between subject and verb (an appositive "Sergei
// Lavrov, Russia's foreign minister,", a relative clause ", which ...,", a
// participle phrase ", speaking after talks,") is skipped, a title
// appositive names an unknown person's office, and an object's appositive
// identifies an unknown name; "after/before X V" clauses are coded with
// their own subject and dated from the main clause ("a day after");
// coordinated predicates ("met X and urged him to") share subject and
// target; participle clauses (", accusing it of"), gerunds ("responded by
// firing", "after meeting Putin") and purpose infinitives ("telephoned X to
// congratulate him", "took off ... to strike") take the main clause's
// subject, and their pronoun its target; an infinitive continuing a
// negated clause is not coded. Judgements ("called the test a grave
// provocation", "a move that X called unacceptable", "said the launch was
// a threat") and reactions to an act ("condemned the launch") answer the
// act's author. The verb's code comes from its
// block in CAMEO.2.0.txt, refined by the most specific matching pattern
// (objects, prepositions, synsets; active:passive codes). Complements turn
// into intent (03x), threat (13x), appeal (02x), demand (10x) or rejection
// (12x) codes; negated and denied events are dropped. Reporting verbs (say,
// claim, report ...) emit no event: they set ReportedBy on the events of
// their complement or of the clause they follow. Dates come from
// expressions near the verb resolved against the publication date (on
// Monday, yesterday, last week, Sept. 14, in 2011), places from
// prepositional phrases matched against the embedded GeoNames gazetteer.
//
// Pair model. After the rules, a statistical stage (pairmodel.go) looks at
// every ordered pair of actors of two countries or IGOs in the sentence,
// and at two actors of one country, and scores each CAMEO root with a
// logistic regression over features of the sentence: what the rules coded
// for the pair and its reverse, the verbs before, between and after the
// actors (with negation, tense and complement), the words between them,
// their order, prepositions and agents, and the sentence's words. A root
// scoring at least 0.25 that the rules did not code for the pair becomes a
// root-level event ("190") with evidence "model:pair 19 0.43", dated and
// placed like the rules' events; a negated, speculative or denied verb
// before the pair's act blocks it. A rule event between two countries whose
// root the model scores below 0.05 is dropped, or relabelled with the
// model's best root when that scores from 0.08 (evidence "model:relabel");
// domestic rule events pass unchanged. The model
// is trained from the gold sets in testdata by internal/trainpair (go
// generate), which also prints leave-one-set-out scores; Options.RulesOnly
// (dyad -rules-only) turns it off.
package coder

import (
	"context"
	"fmt"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// Options configures a Coder. The zero value uses only the built-in dictionaries.
type Options struct {
	// ActorFiles are extra actor dictionaries in Phoenix syntax. Their
	// phrases are added to the built-ins and replace identical built-in phrases.
	ActorFiles []string
	// AgentFiles are extra agent dictionaries in Phoenix.agents.txt syntax;
	// later lines override earlier ones.
	AgentFiles []string
	// VerbFiles are extra verb dictionaries in CAMEO.2.0.txt syntax. Their
	// verb forms take precedence over the built-ins; their patterns are
	// added to the blocks of the same name.
	VerbFiles []string
	// MaxSentenceTokens skips longer sentences (default 150).
	MaxSentenceTokens int
	// MaxDocumentBytes skips longer documents (default 2 MiB).
	MaxDocumentBytes int
	// PairModel replaces the embedded pair model (see PairModel).
	PairModel *PairModel
	// RulesOnly turns the pair model off: events come from the rules alone.
	RulesOnly bool
}

// Coder codes documents into events. It is immutable after New and safe for
// concurrent use.
type Coder struct {
	lx       *lexicon
	ont      *cameo.Ontology
	maxTok   int
	maxBytes int
	pair     *PairModel // nil: rules only
}

// New loads the embedded dictionaries and the extra files named in opts.
func New(opts Options) (*Coder, error) {
	ont, err := cameo.Standard()
	if err != nil {
		return nil, fmt.Errorf("coder: %w", err)
	}
	lx, err := loadLexicon(opts)
	if err != nil {
		return nil, err
	}
	c := &Coder{lx: lx, ont: ont, maxTok: opts.MaxSentenceTokens, maxBytes: opts.MaxDocumentBytes}
	if c.maxTok <= 0 {
		c.maxTok = 150
	}
	if c.maxBytes <= 0 {
		c.maxBytes = 2 << 20
	}
	switch {
	case opts.RulesOnly:
	case opts.PairModel != nil:
		c.pair = opts.PairModel
	default:
		f, err := dataFS.Open("data/pairmodel.txt.gz")
		if err != nil {
			return nil, fmt.Errorf("coder: %w", err)
		}
		defer f.Close()
		if c.pair, err = ReadPairModel(f); err != nil {
			return nil, fmt.Errorf("coder: embedded %w", err)
		}
	}
	return c, nil
}

// Document is one article to code.
type Document struct {
	ID, Title, Text string
	// Published dates the article; relative dates ("on Monday") and dated
	// actor roles are resolved against it. Zero means unknown.
	Published time.Time
}

// Result is the outcome of coding one document.
type Result struct {
	Events []CodedEvent
	// Sentences is the number of sentences examined (title included).
	Sentences int
	// Skipped lists sentences that were not coded, and why.
	Skipped []Skip
	// DocumentSkip is set when the whole document was skipped.
	DocumentSkip string
}

// Skip records a sentence that was not coded. Sentence is -1 for the document.
type Skip struct {
	Sentence int
	Reason   string
}

// CodedEvent is one event found in a sentence.
type CodedEvent struct {
	SentenceIndex int    // position of the sentence in the document, from 0 (title first if any)
	Sentence      string // the sentence text
	Source        schema.Actor
	Target        schema.Actor
	Code          string    // CAMEO event code
	Date          time.Time // UTC day of the event
	Place         *schema.Place
	ReportedBy    *schema.Actor // who the sentence attributes the event to
	// Evidence lists the matched actor phrases and the verb pattern id
	// ("verb:BLOCK/LEMMA", "pattern:BLOCK - * (TO) [042:043]").
	Evidence []string
}

// Code codes one document. It returns an error only when ctx is done.
func (c *Coder) Code(ctx context.Context, doc Document) (Result, error) {
	return c.code(ctx, doc, &docState{pub: doc.Published})
}

func (c *Coder) code(ctx context.Context, doc Document, st *docState) (Result, error) {
	var res Result
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("coder: %w", err)
	}
	text := doc.Text
	if reason := documentSkip(doc.Title+"\n\n"+text, c.maxBytes); reason != "" {
		res.DocumentSkip = reason
		res.Skipped = append(res.Skipped, Skip{Sentence: -1, Reason: reason})
		return res, nil
	}
	var sents []string
	if doc.Title != "" {
		sents = append(sents, splitSentences(normalizeText(doc.Title))...)
	}
	sents = append(sents, splitSentences(normalizeText(text))...)
	res.Sentences = len(sents)
	for i, s := range sents {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return res, fmt.Errorf("coder: %w", err)
			}
		}
		evs, skip, story := c.codeSentence(s, i, st)
		if story != "" {
			res.Events = nil
			res.DocumentSkip = story
			res.Skipped = append(res.Skipped, Skip{Sentence: -1, Reason: story})
			return res, nil
		}
		if skip != "" {
			res.Skipped = append(res.Skipped, Skip{Sentence: i, Reason: skip})
			continue
		}
		res.Events = append(res.Events, evs...)
	}
	return res, nil
}

// docState carries what later sentences may use from earlier ones.
type docState struct {
	pub time.Time
	// collect, when set, receives the pair model's candidates instead of
	// the model being applied (for training).
	collect *[]PairCandidate
}

// PairCandidates codes doc with the rules alone and returns every
// candidate pair of the pair model with its features; the training tool
// (internal/trainpair) labels them with gold events.
func (c *Coder) PairCandidates(ctx context.Context, doc Document) ([]PairCandidate, error) {
	var out []PairCandidate
	if _, err := c.code(ctx, doc, &docState{pub: doc.Published, collect: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// Events converts a Result into schema events for art, one mention per
// coded event, with root, quad class and Goldstein value from the CAMEO
// ontology. Events without a usable code are left out.
func (c *Coder) Events(art schema.Article, res Result) []schema.Event {
	out := make([]schema.Event, 0, len(res.Events))
	for _, e := range res.Events {
		et, ok := c.ont.Event(e.Code)
		if !ok {
			continue
		}
		day := schema.Day(e.Date)
		if e.Date.IsZero() || day.Before(schema.MinDate) || !day.Before(schema.MaxDate) {
			day = schema.Day(art.Published)
		}
		ev := schema.Event{
			Source:    e.Source,
			Target:    e.Target,
			Code:      e.Code,
			Root:      et.Root,
			Quad:      int(et.Quad),
			Goldstein: et.Goldstein,
			Date:      day,
			Place:     e.Place,
			Mentions: []schema.Mention{{
				ArticleID:     art.ID,
				SentenceIndex: e.SentenceIndex,
				Sentence:      e.Sentence,
				Evidence:      e.Evidence,
				ReportedBy:    e.ReportedBy,
			}},
		}
		ev.ID = schema.EventID(ev.Source.Code, ev.Target.Code, ev.Code, ev.Date, ev.Place)
		out = append(out, ev)
	}
	return out
}

// WithPairModel returns a coder that shares c's dictionaries and applies m
// after the rules (rules only when m is nil).
func (c *Coder) WithPairModel(m *PairModel) *Coder {
	d := *c
	d.pair = m
	return &d
}
