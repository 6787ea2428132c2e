// Package dgraph is Dyad's Dgraph storage backend: it implements
// schema.Store over a Dgraph cluster reached by gRPC with dgo.
//
// Every stored item is a node keyed by an external ID predicate (actor.xid,
// article.xid, place.xid, event.xid) declared @upsert, so that concurrent
// writers creating the same node conflict and one retries. Events carry
// copies of what queries filter on (actor codes, the place's country and
// name, outlets) so that every filter is an index lookup or a value test.
// Aggregates by dyad, period and code are answered from rollups that a
// folder keeps from per-write deltas (rollup.go); the others are one
// @groupby over the matching events.
package dgraph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/dgo/v230"
	"github.com/dgraph-io/dgo/v230/protos/api"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/connectivity"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// Config says how to reach Dgraph.
type Config struct {
	// Addr is the host:port of an Alpha's gRPC endpoint, e.g. 127.0.0.1:9080.
	Addr string
	// MaxMessageBytes bounds gRPC messages both ways; default 256 MiB (a
	// grouped query over a million events can answer tens of MiB).
	MaxMessageBytes int
	// DialTimeout bounds the wait for the server on Open; default 10s.
	DialTimeout time.Duration
	// MaxRetries is how often a write aborted by a conflicting transaction
	// is retried; default 10.
	MaxRetries int
	// FoldEvery is how many new events this process writes before it
	// folds pending rollup deltas in the background; default
	// DefaultFoldEvery.
	FoldEvery int
	// FoldIdle is how long after its last write this process folds them;
	// default DefaultFoldIdle. Negative: this process never folds in the
	// background (Fold and Close still do).
	FoldIdle time.Duration
}

// Defaults applied by Open to zero Config fields.
const (
	DefaultMaxMessageBytes = 256 << 20
	DefaultDialTimeout     = 10 * time.Second
	DefaultMaxRetries      = 10
)

// cacheSize bounds each xid→uid cache (actors, places).
const cacheSize = 100_000

// Store is a schema.Store kept in Dgraph. It is safe for concurrent use.
type Store struct {
	cfg  Config
	conn *grpc.ClientConn
	dg   *dgo.Dgraph
	onto *cameo.Ontology
	// roots are the ontology's root codes in order; quadRoots the roots of
	// each quad class. Filters on them become ranges of event.code.
	roots     []string
	quadRoots map[int][]string

	// actors and places map xids to uids of nodes known to be committed,
	// so that batches naming known hubs do not look them up again.
	actors *uidCache
	places *uidCache

	folder folder // background folding of rollup deltas (rollup.go)
}

var _ schema.Store = (*Store)(nil)

// Open connects to Dgraph, waiting at most cfg.DialTimeout for it to be
// reachable, and applies schema.DQL.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Addr == "" {
		return nil, errors.New("dgraph: open: no address")
	}
	if cfg.MaxMessageBytes <= 0 {
		cfg.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = DefaultDialTimeout
	}
	if cfg.MaxRetries <= 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.FoldEvery <= 0 {
		cfg.FoldEvery = DefaultFoldEvery
	}
	if cfg.FoldIdle == 0 {
		cfg.FoldIdle = DefaultFoldIdle
	}
	onto, err := cameo.Standard()
	if err != nil {
		return nil, fmt.Errorf("dgraph: open: %w", err)
	}
	conn, err := grpc.NewClient(cfg.Addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(cfg.MaxMessageBytes),
			grpc.MaxCallSendMsgSize(cfg.MaxMessageBytes),
		))
	if err != nil {
		return nil, fmt.Errorf("dgraph: open %s: %w", cfg.Addr, err)
	}
	s := &Store{
		cfg:    cfg,
		conn:   conn,
		dg:     dgo.NewDgraphClient(api.NewDgraphClient(conn)),
		onto:   onto,
		actors: newUIDCache(cacheSize),
		places: newUIDCache(cacheSize),
	}
	s.roots, s.quadRoots = rootsOf(onto)
	if err := s.connect(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	if err := s.prepareRollups(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("dgraph: open %s: %w", cfg.Addr, err)
	}
	// Fold what earlier processes left pending.
	s.startFold()
	return s, nil
}

// connect waits for the connection and the schema, within DialTimeout.
func (s *Store) connect(ctx context.Context) error {
	dctx, cancel := context.WithTimeout(ctx, s.cfg.DialTimeout)
	defer cancel()
	s.conn.Connect()
	for {
		st := s.conn.GetState()
		if st == connectivity.Ready {
			break
		}
		if !s.conn.WaitForStateChange(dctx, st) {
			return fmt.Errorf("dgraph: open: %s not reachable within %v (last state %s): %w",
				s.cfg.Addr, s.cfg.DialTimeout, st, dctx.Err())
		}
	}
	// A freshly started Alpha accepts connections before it is ready for
	// schema changes; retry those until the same deadline.
	for {
		err := s.alterSchema(ctx)
		if err == nil {
			return nil
		}
		if !transient(err) || dctx.Err() != nil {
			return fmt.Errorf("dgraph: open %s: %w", s.cfg.Addr, err)
		}
		select {
		case <-dctx.Done():
			return fmt.Errorf("dgraph: open %s: %w", s.cfg.Addr, err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func transient(err error) bool {
	if st, ok := status.FromError(err); ok && st.Code() == codes.Unavailable {
		return true
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "not ready") || strings.Contains(msg, "please retry")
}

func (s *Store) alterSchema(ctx context.Context) error {
	if err := s.dg.Alter(ctx, &api.Operation{Schema: schema.DQL}); err != nil {
		return fmt.Errorf("apply schema: %w", err)
	}
	return nil
}

// DropAll deletes every node and predicate and applies the schema again.
// It is for tests and resets; in-process caches are cleared too.
func (s *Store) DropAll(ctx context.Context) error {
	// A fold that read deltas before the drop must not commit rows after it.
	s.folder.gate.Lock()
	defer s.folder.gate.Unlock()
	s.actors.clear()
	s.places.clear()
	if err := s.dg.Alter(ctx, &api.Operation{DropAll: true}); err != nil {
		return fmt.Errorf("dgraph: drop all: %w", err)
	}
	// Writes racing with the drop may have cached uids of dropped nodes.
	s.actors.clear()
	s.places.clear()
	if err := s.alterSchema(ctx); err != nil {
		return fmt.Errorf("dgraph: drop all: %w", err)
	}
	if err := s.markRollups(ctx); err != nil {
		return fmt.Errorf("dgraph: drop all: %w", err)
	}
	return nil
}

// Close folds what this process left pending (best effort: deltas are read
// anyway) and closes the connection.
func (s *Store) Close() error {
	if s.stopFolding() {
		ctx, cancel := context.WithTimeout(context.Background(), closeFoldTime)
		s.Fold(ctx) //nolint:errcheck // best effort, see above
		cancel()
	}
	if err := s.conn.Close(); err != nil {
		return fmt.Errorf("dgraph: close: %w", err)
	}
	return nil
}

// uidCache is a bounded xid→uid map. It keeps two generations: when the
// current one is full it becomes the old one, and lookups that hit the old
// generation move the entry forward, so recently used entries survive —
// an approximate LRU without per-entry bookkeeping.
type uidCache struct {
	mu       sync.Mutex
	max      int // entries per generation
	cur, old map[string]string
}

func newUIDCache(size int) *uidCache {
	return &uidCache{max: max(size/2, 1), cur: map[string]string{}}
}

func (c *uidCache) get(xid string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if uid, ok := c.cur[xid]; ok {
		return uid, true
	}
	uid, ok := c.old[xid]
	if ok {
		c.putLocked(xid, uid)
	}
	return uid, ok
}

func (c *uidCache) put(xid, uid string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(xid, uid)
}

func (c *uidCache) putLocked(xid, uid string) {
	if len(c.cur) >= c.max {
		c.old, c.cur = c.cur, make(map[string]string, c.max)
	}
	c.cur[xid] = uid
}

func (c *uidCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur, c.old = map[string]string{}, nil
}

func rootsOf(o *cameo.Ontology) ([]string, map[int][]string) {
	seen := map[string]bool{}
	var roots []string
	quads := map[int][]string{}
	for _, et := range o.EventTypes() { // in code order
		if !seen[et.Root] {
			seen[et.Root] = true
			roots = append(roots, et.Root)
			quads[int(et.Quad)] = append(quads[int(et.Quad)], et.Root)
		}
	}
	return roots, quads
}
