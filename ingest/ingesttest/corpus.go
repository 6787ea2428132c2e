// Package ingesttest generates realistic article corpora for ingest tests
// and benchmarks: wire-style sentences over a Zipf-distributed set of
// actors, with relative dates, places, attributions and neutral sentences.
package ingesttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

var (
	actors = []string{"Russia", "the United States", "China", "Syria", "Iran", "Turkey", "Ukraine", "Israel", "Egypt",
		"France", "Germany", "Britain", "Saudi Arabia", "Iraq", "Japan", "India", "Pakistan", "North Korea", "South Korea",
		"the European Union", "the United Nations", "NATO", "Jordan", "Lebanon", "Qatar", "Libya", "Yemen", "the Philippines", "Vietnam", "Nigeria"}
	forces = []string{"Russian troops", "Syrian rebels", "Turkish forces", "Iranian officials", "Ukrainian forces", "Israeli police",
		"Egyptian police", "Chinese diplomats", "American officials", "Iraqi soldiers", "Saudi warplanes", "Kurdish fighters"}
	places = []string{"Aleppo", "Damascus", "Latakia", "Donetsk", "Kiev", "Baghdad", "Mosul", "Tehran", "Ankara", "Vienna", "Geneva",
		"Beijing", "Manila", "Cairo", "Gaza", "Sanaa", "Kabul", "Tripoli", "Moscow", "Paris"}
	days      = []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "yesterday", "last week", "on Sunday"}
	templates = []string{
		"%[1]s accused %[2]s of violating the ceasefire %[4]s.",
		"%[1]s sent humanitarian aid to %[2]s %[4]s, officials said.",
		"%[1]s and %[2]s signed a trade agreement in %[3]s %[4]s.",
		"%[5]s attacked %[6]s near %[3]s %[4]s, according to local monitors.",
		"%[1]s imposed new sanctions on %[2]s %[4]s.",
		"The foreign minister of %[1]s visited %[3]s %[4]s for talks with %[2]s.",
		"%[1]s praised %[2]s for its role in the negotiations.",
		"%[1]s threatened to strike %[2]s if the attacks continued.",
		"%[1]s expelled diplomats from %[2]s %[4]s.",
		"%[5]s arrested dozens of protesters in %[3]s %[4]s.",
		"%[1]s urged %[2]s to return to the negotiating table.",
		"%[1]s rejected a proposal from %[2]s %[4]s.",
		"%[1]s hosted a delegation from %[2]s in %[3]s %[4]s.",
		"%[1]s has not sent troops to %[2]s, the ministry said.",
		"Prices of bread rose sharply in %[3]s this month.",
		"Heavy rain was expected in %[3]s later in the week.",
		"The talks in %[3]s are expected to resume next month.",
	}
	outlets = []string{"Dyad Wire", "Meridian Desk", "Levant Report", "Pacific Ledger", "Continental Post", "Gulf Monitor"}
)

// Article is one generated article in Dyad's JSONL input format.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// Corpus returns n articles as JSONL, each of sentences sentences in
// paragraphs. The same arguments give the same bytes.
func Corpus(n, sentences int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x5deece66d))
	zipf := rand.NewZipf(r, 1.2, 2, uint64(len(actors)-1))
	start := time.Date(2014, 1, 1, 8, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := 0; i < n; i++ {
		var paras []string
		for s := 0; s < sentences; s++ {
			a, b := actors[zipf.Uint64()], actors[zipf.Uint64()]
			for b == a {
				b = actors[r.IntN(len(actors))]
			}
			f1, f2 := forces[r.IntN(len(forces))], forces[r.IntN(len(forces))]
			t := templates[r.IntN(len(templates))]
			sent := fmt.Sprintf(t, a, b, places[r.IntN(len(places))], days[r.IntN(len(days))], f1, f2)
			paras = append(paras, strings.ToUpper(sent[:1])+sent[1:])
		}
		pub := start.Add(time.Duration(r.IntN(3*365*24)) * time.Hour)
		art := Article{
			ID:        fmt.Sprintf("gen-%d-%d", seed, i),
			URL:       fmt.Sprintf("https://generated.dyad.invalid/%d/%d", seed, i),
			Title:     fmt.Sprintf("Generated report %d", i),
			Outlet:    outlets[r.IntN(len(outlets))],
			Published: pub.Format(time.RFC3339),
			Text:      strings.Join(paras, "\n\n"),
		}
		enc.Encode(art)
	}
	return buf.Bytes()
}
