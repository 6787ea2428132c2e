package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// filterFlags are the event filters of the API as command-line flags.
type filterFlags struct {
	sources, targets, actors, roots, quads string
	code, from, to, country, place, outlet string
	minMentions                            int
}

func addFilterFlags(fs *flag.FlagSet, f *filterFlags) {
	fs.StringVar(&f.sources, "source", "", "source actor selectors, comma-separated (RUSGOV exact, RUS* family)")
	fs.StringVar(&f.targets, "target", "", "target actor selectors, comma-separated")
	fs.StringVar(&f.actors, "actor", "", "selectors matching either side, comma-separated")
	fs.StringVar(&f.code, "code", "", "CAMEO event code prefix (19, 193)")
	fs.StringVar(&f.roots, "root", "", "two-digit CAMEO roots, comma-separated")
	fs.StringVar(&f.quads, "quad", "", "quad classes 1-4, comma-separated")
	fs.StringVar(&f.from, "from", "", "first day, YYYY-MM-DD")
	fs.StringVar(&f.to, "to", "", "day after the last, YYYY-MM-DD")
	fs.StringVar(&f.country, "country", "", "country code of the event's place")
	fs.StringVar(&f.place, "place", "", "name of the event's place")
	fs.StringVar(&f.outlet, "outlet", "", "an outlet among the event's reports")
	fs.IntVar(&f.minMentions, "min-mentions", 0, "keep events reported at least this many times")
}

func (f filterFlags) filter() (schema.EventFilter, error) {
	ef := schema.EventFilter{
		Sources: splitList(f.sources), Targets: splitList(f.targets), Actors: splitList(f.actors),
		CodePrefix: f.code, Roots: splitList(f.roots), Country: strings.ToUpper(f.country),
		Place: f.place, Outlet: f.outlet, MinMentions: f.minMentions,
	}
	for _, sel := range append(append(append([]string{}, ef.Sources...), ef.Targets...), ef.Actors...) {
		if _, err := schema.ParseSelector(sel); err != nil {
			return ef, err
		}
	}
	for _, q := range splitList(f.quads) {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return ef, fmt.Errorf("--quad %q: want 1 to 4", q)
		}
		ef.Quads = append(ef.Quads, n)
	}
	for _, d := range []struct {
		name, v string
		into    *time.Time
	}{{"from", f.from, &ef.From}, {"to", f.to, &ef.To}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse(schema.DayLayout, d.v)
		if err != nil {
			return ef, fmt.Errorf("--%s %q: want YYYY-MM-DD", d.name, d.v)
		}
		*d.into = t
	}
	return ef, nil
}

// exportColumns are GDELT-like columns analysts script against.
var exportColumns = []string{"event_id", "date", "source_code", "source_name", "target_code", "target_name",
	"event_code", "root_code", "quad_class", "goldstein", "place", "country", "lat", "lon",
	"num_mentions", "num_outlets", "first_url", "sentence"}

func runExport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "export", "", "Stream events as CSV (GDELT-like columns: "+strings.Join(exportColumns, ",")+")\nor JSONL, with the API's filters, a page at a time: memory stays flat on any store size.")
	store := storeFlag(fs, e)
	format := fs.String("format", "csv", "csv or jsonl")
	var ff filterFlags
	addFilterFlags(fs, &ff)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "csv" && *format != "jsonl" {
		return fmt.Errorf("--format %q: want csv or jsonl", *format)
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	s, err := openStoreForReading(ctx, *store)
	if err != nil {
		return err
	}
	defer s.Close()
	return exportEvents(ctx, s, f, *format, e.stdout)
}

func exportEvents(ctx context.Context, s schema.Store, f schema.EventFilter, format string, w io.Writer) error {
	var cw *csv.Writer
	var enc *json.Encoder
	if format == "csv" {
		cw = csv.NewWriter(w)
		if err := cw.Write(exportColumns); err != nil {
			return err
		}
	} else {
		enc = json.NewEncoder(w)
		enc.SetEscapeHTML(false)
	}
	page := schema.PageRequest{First: 1000}
	for {
		p, err := s.Events(ctx, f, page)
		if err != nil {
			return err
		}
		urls, err := firstURLs(ctx, s, p.Events)
		if err != nil {
			return err
		}
		for i, ev := range p.Events {
			if enc != nil {
				if err := enc.Encode(struct {
					schema.Event
					FirstURL string `json:"first_url"`
				}{ev, urls[i]}); err != nil {
					return err
				}
				continue
			}
			var place, country, lat, lon string
			if ev.Place != nil {
				place, country = ev.Place.Name, ev.Place.Country
				lat, lon = strconv.FormatFloat(ev.Place.Lat, 'f', -1, 64), strconv.FormatFloat(ev.Place.Lon, 'f', -1, 64)
			}
			sentence := ""
			if len(ev.Mentions) > 0 {
				sentence = ev.Mentions[0].Sentence
			}
			if err := cw.Write([]string{ev.ID, ev.Date.Format(schema.DayLayout), ev.Source.Code, ev.Source.Name, ev.Target.Code, ev.Target.Name,
				ev.Code, ev.Root, strconv.Itoa(ev.Quad), strconv.FormatFloat(ev.Goldstein, 'f', -1, 64), place, country, lat, lon,
				strconv.Itoa(ev.NumMentions), strconv.Itoa(ev.NumOutlets), urls[i], sentence}); err != nil {
				return err
			}
		}
		if cw != nil {
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
		}
		if !p.HasNext {
			return nil
		}
		page.After = p.Cursors[len(p.Cursors)-1]
	}
}

// firstURLs looks up, in one call per page, the URL of each event's first
// reporting article.
func firstURLs(ctx context.Context, s schema.Store, events []schema.Event) ([]string, error) {
	ids := make([]string, len(events))
	for i, ev := range events {
		if len(ev.Mentions) > 0 {
			ids[i] = ev.Mentions[0].ArticleID
		}
	}
	arts, err := s.Articles(ctx, ids)
	if err != nil {
		return nil, err
	}
	urls := make([]string, len(events))
	for i := range events {
		if i < len(arts) {
			urls[i] = arts[i].URL
		}
	}
	return urls, nil
}
