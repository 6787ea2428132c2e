package ingest

import (
	"context"

	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/schema"
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
	return d.Coder.Events(art, res), "", nil
}
