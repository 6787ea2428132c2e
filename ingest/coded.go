package ingest

import (
	"context"

	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// DictionaryCoder adapts the dictionary-based event coder to the pipeline.
type DictionaryCoder struct{ Coder *coder.Coder }

// Code codes a document; a document the coder skips as a whole (not
// English, empty, binary) returns the coder's reason.
func (d DictionaryCoder) Code(ctx context.Context, doc Document) ([]schema.Event, string, error) {
	res, err := d.Coder.Code(ctx, coder.Document{ID: doc.ID, Title: doc.Title, Text: doc.Text, Published: doc.Published})
	if err != nil {
		return nil, "", err
	}
	if res.DocumentSkip != "" {
		return nil, res.DocumentSkip, nil
	}
	art := schema.Article{ID: doc.ID, URL: doc.URL, Title: doc.Title, Outlet: doc.Outlet, Published: doc.Published}
	events := d.Coder.Events(art, res)
	for i := range events {
		ev := &events[i]
		ev.Source.Name = CanonicalName(ev.Source)
		ev.Target.Name = CanonicalName(ev.Target)
		for j := range ev.Mentions {
			if r := ev.Mentions[j].ReportedBy; r != nil {
				r.Name = CanonicalName(*r)
			}
		}
	}
	return events, "", nil
}

// CanonicalName is the name an actor is stored under: the country and its
// sectors from the CAMEO ontology ("Russian Federation government"), so
// that an actor is not named after whichever phrase first mentioned it
// ("Vladimir Putin"); the matched phrase stays in the mention's evidence.
// Codes that do not start with a country (IGOs, groups) keep the
// dictionary's name.
func CanonicalName(a schema.Actor) string {
	if o, err := cameo.Standard(); err == nil {
		if name, ok := o.ActorName(a.Code); ok {
			return name
		}
	}
	return a.Name
}
