package main

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/schema"
)

func runMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "migrate", "--from STORE --to STORE", "Copy every event, with its mentions and their articles, from one store to another,\na page at a time (e.g. from the embedded SQLite file to a Dgraph cluster). Writes\nare idempotent: an interrupted migration is finished by running it again.\nArticles that produced no event are not copied; re-ingest their inputs if needed.")
	from := fs.String("from", "", "source store: sqlite:PATH or dgraph:HOST:PORT")
	to := fs.String("to", "", "destination store")
	page := fs.Int("page", 1000, "events per read and per write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" || *from == *to {
		fs.Usage()
		return errUsage
	}
	src, err := openStore(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openStore(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	total, err := migrate(ctx, src, dst, *page, func(n int) { fmt.Fprintf(e.stderr, "\r%d events copied", n) })
	fmt.Fprintln(e.stderr)
	if err != nil {
		return err
	}
	a, err := src.Stats(ctx)
	if err != nil {
		return err
	}
	b, err := dst.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "copied %d events\nfrom: %+v\nto:   %+v\n", total.NewEvents+total.MergedEvents, a, b)
	if b.Events < a.Events || b.Mentions < a.Mentions {
		return fmt.Errorf("the destination has fewer events or mentions than the source")
	}
	return nil
}

// migrate copies every event of src, with its mentions and their articles,
// into dst.
func migrate(ctx context.Context, src, dst schema.Store, pageSize int, progress func(int)) (schema.WriteResult, error) {
	var total schema.WriteResult
	copied := 0
	req := schema.PageRequest{First: pageSize}
	for {
		p, err := src.Events(ctx, schema.EventFilter{}, req)
		if err != nil {
			return total, fmt.Errorf("reading events: %w", err)
		}
		var ids []string
		seen := map[string]bool{}
		for _, ev := range p.Events {
			for _, m := range ev.Mentions {
				if !seen[m.ArticleID] {
					seen[m.ArticleID] = true
					ids = append(ids, m.ArticleID)
				}
			}
		}
		arts, err := src.Articles(ctx, ids)
		if err != nil {
			return total, fmt.Errorf("reading articles: %w", err)
		}
		b := schema.Batch{Events: p.Events}
		for _, a := range arts {
			if a.ID != "" {
				b.Articles = append(b.Articles, a)
			}
		}
		res, err := dst.Write(ctx, b)
		if err != nil {
			return total, fmt.Errorf("writing events: %w", err)
		}
		total.Add(res)
		copied += len(p.Events)
		progress(copied)
		if !p.HasNext {
			return total, nil
		}
		req.After = p.Cursors[len(p.Cursors)-1]
	}
}
