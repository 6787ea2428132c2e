package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/ingest/coder/eval"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// extractedEvent is one line of dyad extract's output.
type extractedEvent struct {
	DocID      string          `json:"doc_id"`
	Sentence   string          `json:"sentence"`
	Source     codeName        `json:"source"`
	Target     codeName        `json:"target"`
	EventCode  string          `json:"event_code"`
	RootCode   string          `json:"root_code"`
	QuadClass  int             `json:"quad_class"`
	Goldstein  float64         `json:"goldstein"`
	Date       string          `json:"date"`
	Location   *extractedPlace `json:"location"`
	ReportedBy *codeName       `json:"reported_by"`
	Evidence   []string        `json:"evidence"`
}

type codeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type extractedPlace struct {
	Name    string  `json:"name"`
	Country string  `json:"country"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

func runExtract(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "extract", "[FILE|-] ...", "Code articles and print one event per line as JSON, without storing anything.\nInput: JSONL lines {\"id\",\"text\",\"date\"} (date = publication date; the ingest\nfields url, title, outlet, published, html work too) or text/HTML files. Default: stdin.")
	var f ingestFlags
	addIngestFlags(fs, &f)
	if err := parse(fs, args); err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	c, err := newCoder(f)
	if err != nil {
		return err
	}
	o, err := cameo.Standard()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, in := range inputs {
		err := ingest.Read(ctx, in, ingest.ReadOptions{MaxBytes: f.maxBytes, Stdin: e.stdin}, func(it ingest.Item) error {
			switch {
			case it.Err != nil:
				failed++
				fmt.Fprintf(e.stderr, "%s: %v\n", it.Origin, it.Err)
				return nil
			case it.Skip != "":
				fmt.Fprintf(e.stderr, "%s: skipped: %s\n", it.Origin, it.Skip)
				return nil
			}
			d := it.Doc
			res, err := c.Code(ctx, coder.Document{ID: d.ID, Title: d.Title, Text: d.Text, Published: d.Published})
			if err != nil {
				return err
			}
			if res.DocumentSkip != "" {
				fmt.Fprintf(e.stderr, "%s: skipped: %s\n", it.Origin, res.DocumentSkip)
				return nil
			}
			for _, ev := range res.Events {
				t, ok := o.Event(ev.Code)
				if !ok {
					continue
				}
				out := extractedEvent{
					DocID: d.ID, Sentence: ev.Sentence,
					Source: codeName{ev.Source.Code, ingest.CanonicalName(ev.Source)}, Target: codeName{ev.Target.Code, ingest.CanonicalName(ev.Target)},
					EventCode: ev.Code, RootCode: t.Root, QuadClass: int(t.Quad), Goldstein: t.Goldstein,
					Date: ev.Date.Format("2006-01-02"), Evidence: ev.Evidence,
				}
				if ev.Date.IsZero() {
					out.Date = d.Published.Format("2006-01-02")
				}
				if ev.Place != nil {
					out.Location = &extractedPlace{ev.Place.Name, ev.Place.Country, ev.Place.Lat, ev.Place.Lon}
				}
				if ev.ReportedBy != nil {
					out.ReportedBy = &codeName{ev.ReportedBy.Code, ingest.CanonicalName(*ev.ReportedBy)}
				}
				if out.Evidence == nil {
					out.Evidence = []string{}
				}
				if err := enc.Encode(out); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d documents could not be read", failed)
	}
	return nil
}

func runEval(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "eval", "FILE ...", "Score the coder on gold-standard files (JSONL: id, date, text, events[{source,target,code}]):\nrecall, precision, false-event rate on no-event sentences, date accuracy, per-root confusion.\nEach file is scored on its own.")
	var f ingestFlags
	addIngestFlags(fs, &f)
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	c, err := newCoder(f)
	if err != nil {
		return err
	}
	var reports []eval.Report
	for _, path := range fs.Args() {
		file, err := os.Open(path)
		if err != nil {
			return err
		}
		recs, err := eval.ReadJSONL(file)
		file.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		r := eval.Evaluate(c, recs)
		r.Name = path
		r.Misses = nil
		reports = append(reports, r)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reports)
	}
	for _, r := range reports {
		fmt.Fprintln(e.stdout, r.String())
	}
	return nil
}
