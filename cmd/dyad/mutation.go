package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/query"
	"github.com/dyadgraph/dyad/schema"
)

// pipelineIngester serves the ingestArticles mutation through the ingest
// pipeline, so posted articles get exactly the reading, validation, coding
// and idempotent writing that files do.
type pipelineIngester struct {
	store schema.Store
	coder ingest.Coder
	log   *slog.Logger
}

func (p pipelineIngester) IngestArticles(ctx context.Context, in []query.ArticleInput) (query.IngestReport, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, a := range in {
		if err := enc.Encode(map[string]string{
			"id": a.ID, "url": a.URL, "title": a.Title, "outlet": a.Outlet,
			"published": a.Published.UTC().Format(time.RFC3339), "text": a.Text, "html": a.HTML,
		}); err != nil {
			return query.IngestReport{}, err
		}
	}
	sum, err := ingest.Run(ctx, ingest.Config{
		Store:   p.store,
		Coder:   p.coder,
		Read:    ingest.ReadOptions{Stdin: &buf},
		Workers: 1,
		Logger:  p.log,
	}, []string{"-"})
	rep := query.IngestReport{Articles: sum.Read, Coded: sum.Coded + sum.AlreadyStored, NewEvents: sum.NewEvents, MergedEvents: sum.MergedEvents}
	reasons := make([]string, 0, len(sum.Skipped))
	for r, n := range sum.Skipped {
		reasons = append(reasons, fmt.Sprintf("%d skipped: %s", n, r))
	}
	sort.Strings(reasons)
	rep.Skipped = append(reasons, sum.Failures...)
	if err != nil && sum.Coded == 0 && sum.AlreadyStored == 0 && sum.Failed == 0 {
		return rep, err
	}
	return rep, nil
}
