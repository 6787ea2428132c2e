package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// Coder codes a document into events (each with its mention of the
// document). A non-empty skip reason says why a document yields nothing
// by design (not English, no political content...).
type Coder interface {
	Code(ctx context.Context, doc Document) (events []schema.Event, skip string, err error)
}

// Config configures a run.
type Config struct {
	Store schema.Store
	Coder Coder
	Read  ReadOptions

	Workers       int           // coding goroutines; default GOMAXPROCS
	BatchEvents   int           // flush after this many events; default 1000
	BatchArticles int           // or this many articles; default 200
	FlushInterval time.Duration // or this long; default 2 s
	// Recode codes articles already in the store again (by default they are
	// skipped: an article is stored in the same transaction as its events).
	Recode bool
	// StopOnFailure stops the run at the first failed document; by default
	// a run keeps going and reports every failure at the end.
	StopOnFailure bool
	// RetryFor is how long a failing store is retried with backoff before
	// the batch's documents count as failed; default 5 minutes.
	RetryFor time.Duration

	Progress io.Writer // progress reports; nil for none
	Terminal bool      // Progress is a terminal: redraw one line
	Logger   *slog.Logger
}

// Summary is what a run did.
type Summary struct {
	Read          int            `json:"read"`           // documents read
	Coded         int            `json:"coded"`          // documents coded and stored
	AlreadyStored int            `json:"already_stored"` // documents skipped because stored before
	Skipped       map[string]int `json:"skipped"`        // documents skipped, by reason
	Failed        int            `json:"failed"`         // documents lost to errors
	Failures      []string       `json:"failures,omitempty"`
	Events        int            `json:"events"` // events coded
	schema.WriteResult
	Elapsed time.Duration `json:"elapsed_ns"`
}

// maxFailures bounds the failure messages a summary keeps.
const maxFailures = 50

// String is a one-paragraph report for people.
func (s Summary) String() string {
	var b strings.Builder
	skipped := 0
	for _, n := range s.Skipped {
		skipped += n
	}
	fmt.Fprintf(&b, "read %d documents: %d coded, %d already stored, %d skipped, %d failed", s.Read, s.Coded, s.AlreadyStored, skipped, s.Failed)
	if skipped > 0 {
		reasons := make([]string, 0, len(s.Skipped))
		for r := range s.Skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for i, r := range reasons {
			reasons[i] = fmt.Sprintf("%s: %d", r, s.Skipped[r])
		}
		fmt.Fprintf(&b, " (skipped: %s)", strings.Join(reasons, "; "))
	}
	fmt.Fprintf(&b, "\nevents: %d coded, %d new, %d merged into stored events (%d new mentions); %d new articles\n", s.Events, s.NewEvents, s.MergedEvents, s.NewMentions, s.NewArticles)
	secs := s.Elapsed.Seconds()
	if secs > 0 {
		fmt.Fprintf(&b, "elapsed %.1fs: %.1f documents/s, %.1f events/s\n", secs, float64(s.Read)/secs, float64(s.Events)/secs)
	}
	for _, f := range s.Failures {
		fmt.Fprintf(&b, "failed: %s\n", f)
	}
	if s.Failed > len(s.Failures) {
		fmt.Fprintf(&b, "... and %d more failures\n", s.Failed-len(s.Failures))
	}
	return b.String()
}

// ErrFailures is returned (wrapped) when any document failed.
var ErrFailures = errors.New("some documents failed")

type coded struct {
	origin  string
	article schema.Article
	events  []schema.Event
}

type run struct {
	cfg Config
	log *slog.Logger

	mu      sync.Mutex
	sum     Summary
	stopped atomic.Bool
	stop    context.CancelFunc

	read, events atomic.Int64 // for progress

	// outage is when the store started failing, zero while it works: all
	// batches share one RetryFor, so a long outage fails the run once
	// instead of waiting RetryFor per batch.
	outageMu sync.Mutex
	outage   time.Time
}

// storeDown records a failed write and reports how long the store has
// been failing.
func (r *run) storeDown() time.Duration {
	r.outageMu.Lock()
	defer r.outageMu.Unlock()
	if r.outage.IsZero() {
		r.outage = time.Now()
	}
	return time.Since(r.outage)
}

func (r *run) storeUp() {
	r.outageMu.Lock()
	r.outage = time.Time{}
	r.outageMu.Unlock()
}

// Run reads every input, codes the documents and stores them. It returns
// the summary and, when documents failed, an error wrapping ErrFailures.
// Cancelling ctx stops reading and coding; what was coded is still stored.
func Run(ctx context.Context, cfg Config, inputs []string) (Summary, error) {
	if cfg.Store == nil || cfg.Coder == nil {
		return Summary{}, errors.New("ingest: a store and a coder are required")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.BatchEvents <= 0 {
		cfg.BatchEvents = 1000
	}
	if cfg.BatchArticles <= 0 {
		cfg.BatchArticles = 200
	}
	if cfg.FlushInterval <= 0 {
		cfg.FlushInterval = 2 * time.Second
	}
	if cfg.RetryFor <= 0 {
		cfg.RetryFor = 5 * time.Minute
	}
	r := &run{cfg: cfg, log: cfg.Logger}
	if r.log == nil {
		r.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	r.sum.Skipped = map[string]int{}
	start := time.Now()

	ctx, r.stop = context.WithCancel(ctx)
	defer r.stop()
	items := make(chan Item, 2*cfg.Workers)
	out := make(chan coded, 2*cfg.Workers)

	go func() {
		defer close(items)
		for _, in := range inputs {
			err := Read(ctx, in, cfg.Read, func(it Item) error {
				r.read.Add(1)
				select {
				case items <- it:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if err != nil && ctx.Err() == nil {
				r.read.Add(1)
				r.fail(in, err)
			}
			if ctx.Err() != nil {
				return
			}
		}
	}()

	var workers sync.WaitGroup
	for w := 0; w < cfg.Workers; w++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for it := range items {
				if ctx.Err() != nil {
					continue // drain: stopping
				}
				if c, ok := r.code(ctx, it); ok {
					out <- c
				}
			}
		}()
	}
	go func() {
		workers.Wait()
		close(out)
	}()

	var progress sync.WaitGroup
	progressDone := make(chan struct{})
	if cfg.Progress != nil {
		progress.Add(1)
		go func() {
			defer progress.Done()
			r.reportProgress(start, progressDone)
		}()
	}

	r.batchAndWrite(ctx, out)
	close(progressDone)
	progress.Wait()

	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Read = int(r.read.Load())
	r.sum.Elapsed = time.Since(start)
	if r.sum.Failed > 0 {
		return r.sum, fmt.Errorf("ingest: %d of %d documents: %w", r.sum.Failed, r.sum.Read, ErrFailures)
	}
	return r.sum, nil
}

func (r *run) fail(origin string, err error) {
	r.log.Warn("document failed", "origin", origin, "error", err)
	r.mu.Lock()
	r.sum.Failed++
	if len(r.sum.Failures) < maxFailures {
		r.sum.Failures = append(r.sum.Failures, fmt.Sprintf("%s: %v", origin, err))
	}
	r.mu.Unlock()
	if r.cfg.StopOnFailure {
		r.stopped.Store(true)
		r.stop()
	}
}

func (r *run) skip(origin, reason string) {
	r.log.Info("document skipped", "origin", origin, "reason", reason)
	// Group reasons by their kind ("oversized: 7 MB" → "oversized").
	kind, _, _ := strings.Cut(reason, ":")
	r.mu.Lock()
	r.sum.Skipped[kind]++
	r.mu.Unlock()
}

// code turns an item into a coded article, or records why not.
func (r *run) code(ctx context.Context, it Item) (coded, bool) {
	switch {
	case it.Err != nil:
		r.fail(it.Origin, it.Err)
		return coded{}, false
	case it.Skip != "":
		r.skip(it.Origin, it.Skip)
		return coded{}, false
	case it.Doc == nil:
		return coded{}, false
	}
	doc := *it.Doc
	if !r.cfg.Recode {
		have, err := r.cfg.Store.Articles(ctx, []string{doc.ID})
		if err == nil && len(have) == 1 && have[0].ID != "" {
			r.mu.Lock()
			r.sum.AlreadyStored++
			r.mu.Unlock()
			return coded{}, false
		}
		// On a lookup error, code it anyway: the write is idempotent.
	}
	events, skip, err := r.cfg.Coder.Code(ctx, doc)
	if err != nil {
		if ctx.Err() == nil {
			r.fail(it.Origin, fmt.Errorf("coding: %w", err))
		}
		return coded{}, false
	}
	if skip != "" {
		r.skip(it.Origin, skip)
		return coded{}, false
	}
	r.events.Add(int64(len(events)))
	return coded{
		origin:  it.Origin,
		article: schema.Article{ID: doc.ID, URL: doc.URL, Title: doc.Title, Outlet: doc.Outlet, Published: doc.Published, Language: "en"},
		events:  events,
	}, true
}

// batchAndWrite gathers coded articles into batches by size and time and
// writes them. It runs until out is closed, so everything coded is written
// even after ctx is cancelled.
func (r *run) batchAndWrite(ctx context.Context, out <-chan coded) {
	var pending []coded
	nEvents := 0
	ticker := time.NewTicker(r.cfg.FlushInterval)
	defer ticker.Stop()
	flush := func() {
		if len(pending) > 0 {
			r.write(ctx, pending)
		}
		pending, nEvents = nil, 0
	}
	for {
		select {
		case c, ok := <-out:
			if !ok {
				flush()
				return
			}
			pending = append(pending, c)
			nEvents += len(c.events)
			if nEvents >= r.cfg.BatchEvents || len(pending) >= r.cfg.BatchArticles {
				flush()
			}
		case <-ticker.C:
			flush()
		}
	}
}

// write stores a batch, retrying a failing store with backoff until it has
// been failing for RetryFor (shared by all batches). Failures retrying
// cannot fix (a read-only store, a full disk) fail the batch at once. A
// batch the store rejects as invalid is split so only the bad articles fail.
func (r *run) write(ctx context.Context, batch []coded) {
	// Writes outlive cancellation: what is coded is flushed, within RetryFor.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.cfg.RetryFor)
	defer cancel()
	var b schema.Batch
	events := 0
	for _, c := range batch {
		b.Articles = append(b.Articles, c.article)
		b.Events = append(b.Events, c.events...)
		events += len(c.events)
	}
	delay := 200 * time.Millisecond
	var cause error // the last failure that is not the deadline itself
	for attempt := 1; ; attempt++ {
		res, err := r.cfg.Store.Write(wctx, b)
		if err != nil && (cause == nil || !errors.Is(err, context.DeadlineExceeded)) {
			cause = err
		}
		if err == nil {
			r.storeUp()
			r.mu.Lock()
			r.sum.Coded += len(batch)
			r.sum.Events += events
			r.sum.WriteResult.Add(res)
			r.mu.Unlock()
			return
		}
		var fe *schema.FieldError
		if errors.As(err, &fe) {
			if len(batch) == 1 {
				r.fail(batch[0].origin, fmt.Errorf("store rejected the coded events: %w", err))
				return
			}
			half := len(batch) / 2
			r.write(ctx, batch[:half])
			r.write(ctx, batch[half:])
			return
		}
		permanent := errors.Is(err, schema.ErrReadOnly) || errors.Is(err, schema.ErrStorageFull)
		down := r.storeDown()
		if permanent || down >= r.cfg.RetryFor || wctx.Err() != nil {
			why := fmt.Errorf("store unavailable for %s, gave up after %d attempts: %w", down.Round(time.Second), attempt, cause)
			if permanent {
				why = fmt.Errorf("store cannot be written: %w", err)
			}
			for _, c := range batch {
				r.fail(c.origin, why)
			}
			return
		}
		r.log.Warn("store write failed; retrying", "attempt", attempt, "articles", len(batch), "error", err, "in", delay)
		select {
		case <-time.After(delay + time.Duration(rand.Int64N(int64(delay/2)+1))):
		case <-wctx.Done():
		}
		delay = min(delay*2, 15*time.Second)
	}
}

func (r *run) reportProgress(start time.Time, done <-chan struct{}) {
	every := 10 * time.Second
	if r.cfg.Terminal {
		every = 500 * time.Millisecond
	}
	t := time.NewTicker(every)
	defer t.Stop()
	line := func() string {
		secs := time.Since(start).Seconds()
		r.mu.Lock()
		stored, failed := r.sum.Coded, r.sum.Failed
		r.mu.Unlock()
		read, events := r.read.Load(), r.events.Load()
		return fmt.Sprintf("%d documents read, %d stored, %d failed, %d events | %.1f docs/s, %.1f events/s | %.0fs",
			read, stored, failed, events, float64(read)/secs, float64(events)/secs, secs)
	}
	for {
		select {
		case <-t.C:
			if r.cfg.Terminal {
				fmt.Fprintf(r.cfg.Progress, "\r\033[K%s", line())
			} else {
				fmt.Fprintln(r.cfg.Progress, line())
			}
		case <-done:
			if r.cfg.Terminal {
				fmt.Fprintf(r.cfg.Progress, "\r\033[K%s\n", line())
			}
			return
		}
	}
}
