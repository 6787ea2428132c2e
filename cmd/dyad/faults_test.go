package main

// Fault tests: the store goes away, is read-only or fills up, and dyad is
// killed at random points. Each runs the dyad binary built by TestMain as an
// operator would, and checks what the operator is promised: a clear error,
// a non-zero exit, an intact store, and the same result as an
// uninterrupted run once the fault is gone.
//
// Tests that need Dgraph skip without the cached binary on a developer's
// machine and fail in CI (CI=true). Tests that need root (mount, chattr,
// running as another user) say so when they skip.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/dyadgraph/dyad/ingest/ingesttest"
	"github.com/dyadgraph/dyad/schema"
)

// ---------------------------------------------------------------------------
// Processes this file starts: each is stopped by its own PID in t.Cleanup.

type proc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // Wait's result, once done is closed
}

// startProc starts a process with its output appended to logPath. It is
// killed (SIGKILL) if the test binary dies, and stopped in t.Cleanup.
func startProc(t *testing.T, name, logPath string, bin string, args ...string) *proc {
	t.Helper()
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	// its own process group, so that a signal reaches whatever it starts
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	if err := cmd.Start(); err != nil {
		log.Close()
		t.Fatalf("starting %s: %v", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		log.Close()
		close(p.done)
	}()
	t.Cleanup(func() { p.stop(10 * time.Second) })
	return p
}

func (p *proc) running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// signal sends sig to this process only and waits at most wait for it to
// exit; it reports whether it did.
func (p *proc) signal(sig syscall.Signal, wait time.Duration) bool {
	if !p.running() {
		return true
	}
	// the whole group: a process the binary started holds the ports too
	if err := syscall.Kill(-p.cmd.Process.Pid, sig); err != nil {
		p.cmd.Process.Signal(sig)
	}
	select {
	case <-p.done:
		return true
	case <-time.After(wait):
		return false
	}
}

// stop sends SIGTERM, then SIGKILL after grace.
func (p *proc) stop(grace time.Duration) {
	if !p.signal(syscall.SIGTERM, grace) {
		p.signal(syscall.SIGKILL, 10*time.Second)
	}
}

// ---------------------------------------------------------------------------
// A private Dgraph: its own data directory and port offset.

const dgraphVersion = "v24.0.5"

// dgraphBinary returns the Dgraph binary scripts/dgraph.sh caches. Without
// it the test skips, or fails in CI.
func dgraphBinary(t *testing.T) string {
	t.Helper()
	cache := os.Getenv("DYAD_CACHE")
	if cache == "" {
		base := os.Getenv("XDG_CACHE_HOME")
		if base == "" {
			home, _ := os.UserHomeDir()
			base = filepath.Join(home, ".cache")
		}
		cache = filepath.Join(base, "dyad")
	}
	bin := filepath.Join(cache, "bin", "dgraph-"+dgraphVersion)
	if st, err := os.Stat(bin); err != nil || st.Mode()&0o111 == 0 {
		msg := fmt.Sprintf("this test needs the Dgraph %s binary at %s (build it with scripts/dgraph.sh build)", dgraphVersion, bin)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return bin
}

// privateDgraph is a zero and an alpha this test started, on ports shifted
// by offset, with data in dir.
type privateDgraph struct {
	t      *testing.T
	bin    string
	dir    string
	offset int
	zero   *proc
	alpha  *proc
	starts int
}

func (d *privateDgraph) grpcAddr() string { return fmt.Sprintf("127.0.0.1:%d", 9080+d.offset) }
func (d *privateDgraph) httpURL() string  { return fmt.Sprintf("http://127.0.0.1:%d", 8080+d.offset) }

func startPrivateDgraph(t *testing.T, offset int) *privateDgraph {
	t.Helper()
	bin := dgraphBinary(t)
	for _, port := range []int{5080, 6080, 7080, 8080, 9080} {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port+offset), 200*time.Millisecond); err == nil {
			c.Close()
			t.Fatalf("port %d (offset %d) is in use; set DYAD_FAULT_DGRAPH_OFFSET to a free offset", port+offset, offset)
		}
	}
	d := &privateDgraph{t: t, bin: bin, dir: t.TempDir(), offset: offset}
	// On failure, say what the processes did: the logs go with the
	// temporary directory (this cleanup runs before its removal).
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		for _, name := range []string{"zero", "alpha"} {
			log, _ := os.ReadFile(filepath.Join(d.dir, name+".log"))
			t.Logf("dgraph %s log tail (all its starts):\n%s", name, tail(string(log), 25))
		}
	})
	d.zero = startProc(t, "dgraph zero", filepath.Join(d.dir, "zero.log"), bin, "zero",
		"--my", fmt.Sprintf("127.0.0.1:%d", 5080+offset), "--port_offset", strconv.Itoa(offset),
		"--bindall=false", "--wal", filepath.Join(d.dir, "zw"))
	d.startAlpha()
	return d
}

// startAlpha starts the alpha (again) on the same directories and ports and
// waits until it is healthy.
func (d *privateDgraph) startAlpha() {
	t := d.t
	t.Helper()
	d.starts++
	d.alpha = startProc(t, "dgraph alpha", filepath.Join(d.dir, "alpha.log"), d.bin, "alpha",
		"--my", fmt.Sprintf("127.0.0.1:%d", 7080+d.offset), "--zero", fmt.Sprintf("127.0.0.1:%d", 5080+d.offset),
		"--port_offset", strconv.Itoa(d.offset), "--bindall=false",
		"--postings", filepath.Join(d.dir, "p"), "--wal", filepath.Join(d.dir, "w"), "--tmp", filepath.Join(d.dir, "t"),
		"--security", "whitelist=127.0.0.1/8")
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if !d.alpha.running() || !d.zero.running() {
			break
		}
		if b, err := httpGet(d.httpURL() + "/health"); err == nil && strings.Contains(b, `"status":"healthy"`) {
			if !d.alpha.running() {
				break // another process answered for the port
			}
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(d.dir, "alpha.log"))
	t.Fatalf("Dgraph alpha (start %d, running %v) not healthy within 90 s; listeners on %s:\n%s\nalpha log tail:\n%s", d.starts, d.alpha.running(), d.grpcAddr(), listeners(d.grpcAddr()), tail(string(log), 20))
}

// articles counts the stored articles through Dgraph's HTTP API, or -1.
func (d *privateDgraph) articles() int {
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Post(d.httpURL()+"/query", "application/dql", strings.NewReader(`{ q(func: type(Article)) { count(uid) } }`))
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var res struct {
		Data struct {
			Q []struct {
				Count int `json:"count"`
			} `json:"q"`
		} `json:"data"`
	}
	if json.NewDecoder(resp.Body).Decode(&res) != nil || len(res.Data.Q) != 1 {
		return -1
	}
	return res.Data.Q[0].Count
}

func httpGet(url string) (string, error) {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return string(b), err
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// syncBuffer is a bytes.Buffer a running process writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDgraphRestartDuringIngest kills the Dgraph alpha while dyad ingest
// writes to it, restarts it on the same data a few seconds later, and
// expects the ingest to retry, finish with exit 0, and leave exactly what an
// uninterrupted SQLite run of the same corpus stores.
// longFaults says whether to run the long variants of the fault tests
// (DYAD_FAULT_LONG=1): larger corpora, more kills, looser time bounds.
// CI runs the fast ones; docs/operations.md gives the long command.
func longFaults() bool { return os.Getenv("DYAD_FAULT_LONG") != "" }

func TestDgraphRestartDuringIngest(t *testing.T) {
	offset := 400
	if v := os.Getenv("DYAD_FAULT_DGRAPH_OFFSET"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("DYAD_FAULT_DGRAPH_OFFSET=%q: %v", v, err)
		}
		offset = n
	}
	testStart := time.Now()
	dg := startPrivateDgraph(t, offset)
	t.Logf("private Dgraph healthy at %s after %v", dg.grpcAddr(), time.Since(testStart).Round(time.Millisecond))

	articles, kills, bound := 3000, 1, 150*time.Second
	if longFaults() {
		articles, kills, bound = 12000, 3, 15*time.Minute
	}
	corpus := writeFile(t, "restart.jsonl", ingesttest.Corpus(articles, 5, 41))
	store := "dgraph:" + dg.grpcAddr()
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	var stderr syncBuffer
	ingest := exec.CommandContext(ctx, binary, "ingest", "--store", store, "--retry-for", "2m", "--batch", "200", corpus)
	ingest.Env = append(os.Environ(), "DYAD_STORE=")
	ingest.Stderr = &stderr
	ingestStart := time.Now()
	if err := ingest.Start(); err != nil {
		t.Fatal(err)
	}
	ingestDone := make(chan error, 1)
	go func() { ingestDone <- ingest.Wait() }()
	finished := func() bool {
		select {
		case err := <-ingestDone:
			ingestDone <- err
			return true
		default:
			return false
		}
	}

	// Kill the alpha once more articles are stored and the run goes on,
	// restart it, and again for the long variant.
	at := 0
	for k := 1; k <= kills; k++ {
		before := at
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && !finished(); time.Sleep(20 * time.Millisecond) {
			if n := dg.articles(); n > before {
				at = n
				break
			}
		}
		if at <= before || finished() {
			if k > 1 && finished() {
				t.Logf("the ingest finished before fault %d", k)
				break
			}
			t.Fatalf("no new article stored within 60 s, or the ingest ended before fault %d (stored %d); stderr:\n%s", k, at, stderr.String())
		}
		killAt := time.Since(ingestStart)
		if !dg.alpha.signal(syscall.SIGKILL, 10*time.Second) {
			t.Fatal("the alpha survived SIGKILL for 10 s")
		}
		t.Logf("fault %d: alpha killed (SIGKILL, pid %d) %v into the ingest with %d of %d articles stored", k, dg.alpha.cmd.Process.Pid, killAt.Round(time.Millisecond), at, articles)
		// the killed alpha's gRPC port must close; if something still
		// answers there, the fault cannot be seen: say who it is
		closed := false
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			c, err := net.DialTimeout("tcp", dg.grpcAddr(), 500*time.Millisecond)
			if err != nil {
				closed = true
				break
			}
			c.Close()
		}
		if !closed {
			t.Fatalf("fault %d: %s still accepts connections 5 s after the alpha was killed; listeners:\n%s", k, dg.grpcAddr(), listeners(dg.grpcAddr()))
		}
		time.Sleep(4 * time.Second)
		if finished() {
			t.Fatalf("dyad ingest ended while Dgraph was down instead of retrying; stderr:\n%s", stderr.String())
		}
		downFor := time.Now()
		dg.startAlpha()
		t.Logf("fault %d: alpha restarted and healthy after %v down (pid %d)", k, (time.Since(downFor) + 4*time.Second).Round(time.Millisecond), dg.alpha.cmd.Process.Pid)
	}

	var err error
	select {
	case err = <-ingestDone:
	case <-ctx.Done():
		t.Fatalf("dyad ingest did not finish within %v; stderr:\n%s", bound, tail(stderr.String(), 30))
	}
	out := stderr.String()
	if err != nil {
		t.Fatalf("dyad ingest after the alpha restart: %v; stderr:\n%s", err, tail(out, 30))
	}
	retries := strings.Count(out, "store write failed; retrying")
	if retries == 0 {
		t.Errorf("dyad ingest logged no retried write: the fault was not seen; stderr:\n%s", tail(out, 30))
	}
	t.Logf("dyad ingest finished with exit 0 in %v, after %d retried writes; %s", time.Since(ingestStart).Round(time.Millisecond), retries,
		strings.TrimSpace(firstLine(out, "read ")))

	clean := "sqlite:" + filepath.Join(t.TempDir(), "clean.db")
	if r := dyad(t, nil, "ingest", "--store", clean, corpus); r.code != 0 {
		t.Fatalf("clean SQLite run: %+v", r)
	}
	got, want := stats(t, store), stats(t, clean)
	if got != want {
		t.Errorf("Dgraph after the restart: %+v; clean SQLite run: %+v", got, want)
	}
	t.Logf("stats %+v on both; test took %v", got, time.Since(testStart).Round(time.Millisecond))
}

// listeners describes the processes listening on addr's port (ss -ltnp),
// for a failure message; empty when ss is not available.
func listeners(addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	out, err := exec.Command("ss", "-ltnp").CombinedOutput()
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, ":"+port+" ") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func firstLine(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// ---------------------------------------------------------------------------
// Read-only store.

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// dyadAs runs dyad like dyad() does, as another user when cred is not nil.
func dyadAs(t *testing.T, bin string, cred *syscall.Credential, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	return runCmd(t, cmd)
}

// TestReadOnlyStore makes a SQLite store read-only and expects dyad ingest
// to fail with an error saying so, leave the file unchanged, and dyad stats
// to still read it.
//
// As a normal user the file is chmod 0444 in a 0555 directory. Root ignores
// file modes, so as root two other ways are used, each a subtest: the file
// and directory made immutable (chattr +i), and dyad run as the unprivileged
// user nobody on the chmod-ed store.
func TestReadOnlyStore(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Run("chmod", func(t *testing.T) {
			dir := t.TempDir()
			db := seedStore(t, dir, binary)
			chmodReadOnly(t, dir, db)
			checkReadOnlyStore(t, binary, nil, db, t.TempDir())
		})
		return
	}
	t.Run("immutable", func(t *testing.T) {
		if _, err := exec.LookPath("chattr"); err != nil {
			t.Skip("running as root, which ignores file modes, and chattr is not installed to make the store immutable")
		}
		dir := t.TempDir()
		db := seedStore(t, dir, binary)
		if out, err := exec.Command("chattr", "+i", db).CombinedOutput(); err != nil {
			t.Skipf("running as root, which ignores file modes; chattr +i %s failed (file system without immutable files?): %v %s", db, err, out)
		}
		// Registered after t.TempDir, so it runs before the removal.
		t.Cleanup(func() { exec.Command("chattr", "-i", dir, db).Run() })
		if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
			t.Fatalf("chattr +i %s: %v %s", dir, err, out)
		}
		checkReadOnlyStore(t, binary, nil, db, t.TempDir())
	})
	t.Run("chmod-as-nobody", func(t *testing.T) {
		// Everything nobody uses must be reachable by it: t.TempDir's
		// parents are 0700, so use a directory of our own.
		base, err := os.MkdirTemp("", "dyad-readonly-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(base, "store"), 0o755); os.RemoveAll(base) })
		if err := os.Chmod(base, 0o755); err != nil {
			t.Fatal(err)
		}
		bin := filepath.Join(base, "dyad")
		b, err := os.ReadFile(binary)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, b, 0o755); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(base, "store")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		db := seedStore(t, dir, bin)
		chmodReadOnly(t, dir, db)
		nobody := &syscall.Credential{Uid: 65534, Gid: 65534}
		if r := dyadAs(t, bin, nobody, "version"); r.code != 0 {
			t.Skipf("running as root, which ignores file modes, and cannot run dyad as nobody (uid 65534): %+v", r)
		}
		checkReadOnlyStore(t, bin, nobody, db, base)
	})
}

// seedStore ingests a small corpus into dir/ro.db and returns its path.
func seedStore(t *testing.T, dir, bin string) string {
	t.Helper()
	db := filepath.Join(dir, "ro.db")
	corpus := filepath.Join(dir, "seed.jsonl")
	if err := os.WriteFile(corpus, ingesttest.Corpus(100, 4, 51), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := dyadAs(t, bin, nil, "ingest", "--store", "sqlite:"+db, corpus); r.code != 0 {
		t.Fatalf("seeding the store: %+v", r)
	}
	// A cleanly closed store has no -wal or -shm file left.
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(db + suffix); err == nil {
			t.Logf("note: %s%s left after a clean close", db, suffix)
		}
	}
	return db
}

func chmodReadOnly(t *testing.T, dir, db string) {
	t.Helper()
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(db, 0o644) })
}

// checkReadOnlyStore checks dyad against the read-only store db; inputs is
// a directory the dyad process can read and the test can write.
func checkReadOnlyStore(t *testing.T, bin string, cred *syscall.Credential, db, inputs string) {
	t.Helper()
	sum := fileSum(t, db)
	// What the store held before, read from a writable copy.
	cp := filepath.Join(t.TempDir(), "copy.db")
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	before := stats(t, "sqlite:"+cp)

	more := filepath.Join(inputs, "more.jsonl")
	if err := os.WriteFile(more, ingesttest.Corpus(50, 4, 52), 0o644); err != nil {
		t.Fatal(err)
	}
	r := dyadAs(t, bin, cred, "ingest", "--store", "sqlite:"+db, "--retry-for", "2s", more)
	t.Logf("dyad ingest into the read-only store: exit %d, stderr:\n%s", r.code, tail(r.stderr, 6))
	if r.code == 0 {
		t.Errorf("dyad ingest into a read-only store exited 0")
	}
	low := strings.ToLower(r.stderr)
	if !strings.Contains(low, "read-only") && !strings.Contains(low, "readonly") &&
		!strings.Contains(low, "permission denied") && !strings.Contains(low, "operation not permitted") {
		t.Errorf("the error does not say the store is read-only or not permitted:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, db) {
		t.Errorf("the error does not name the store %s:\n%s", db, r.stderr)
	}
	if fileSum(t, db) != sum {
		t.Errorf("the read-only store %s changed", db)
	}
	st := dyadAs(t, bin, cred, "stats", "--store", "sqlite:"+db)
	var got schema.Stats
	if st.code != 0 || json.Unmarshal([]byte(st.stdout), &got) != nil {
		t.Errorf("dyad stats on the read-only store: exit %d, stdout %q, stderr %q", st.code, st.stdout, strings.TrimSpace(st.stderr))
	} else if got != before {
		t.Errorf("dyad stats on the read-only store: %+v, want %+v", got, before)
	}
	if fileSum(t, db) != sum {
		t.Errorf("dyad stats changed the read-only store %s", db)
	}
}

// ---------------------------------------------------------------------------
// Full disk.

// integrityCheck runs PRAGMA integrity_check on a SQLite file opened read-only.
func integrityCheck(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		return "error: " + err.Error()
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "error: " + err.Error()
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return "error: " + err.Error()
	}
	return strings.Join(out, "; ")
}

// TestDiskFull ingests into a SQLite store on a 2 MiB tmpfs until the disk
// is full, and expects a clear error, a non-zero exit and an intact store
// that dyad stats still reads; then it gives the file system room and
// expects the same command to finish the job exactly. Mounting needs root.
func TestDiskFull(t *testing.T) {
	if _, err := exec.LookPath("mount"); err != nil {
		t.Skip("needs mount(8) to mount a tiny tmpfs")
	}
	dir := filepath.Join(t.TempDir(), "full")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("needs root (or CAP_SYS_ADMIN) to mount a 2 MiB tmpfs; mount failed: %v %s", err, strings.TrimSpace(string(out)))
	}
	// Registered after t.TempDir, so it runs before the removal.
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Logf("umount %s: %v %s; lazy unmount", dir, err, out)
			exec.Command("umount", "-l", dir).Run()
		}
	})
	const articles = 3000
	corpus := writeFile(t, "full.jsonl", ingesttest.Corpus(articles, 5, 61))
	db := filepath.Join(dir, "full.db")
	store := "sqlite:" + db

	// --retry-for 2s and --stop-on-failure bound the run: by default every
	// batch would be retried for 5 minutes (see the report).
	start := time.Now()
	r := dyad(t, nil, "ingest", "--store", store, "--retry-for", "2s", "--stop-on-failure", "--batch", "500", corpus)
	t.Logf("dyad ingest on a 2 MiB tmpfs: exit %d after %v; stderr tail:\n%s", r.code, time.Since(start).Round(time.Millisecond), tail(r.stderr, 6))
	if r.code == 0 {
		t.Fatalf("dyad ingest of %d articles into a 2 MiB file system exited 0", articles)
	}
	low := strings.ToLower(r.stderr)
	if !strings.Contains(low, "disk is full") && !strings.Contains(low, "disk full") && !strings.Contains(low, "no space") {
		t.Errorf("the error does not say the disk is full:\n%s", tail(r.stderr, 20))
	}
	if ic := integrityCheck(t, db); ic != "ok" {
		t.Errorf("PRAGMA integrity_check after the disk filled: %s", ic)
	}
	sr := dyad(t, nil, "stats", "--store", store)
	var partial schema.Stats
	if sr.code != 0 || json.Unmarshal([]byte(sr.stdout), &partial) != nil {
		t.Errorf("dyad stats on the full disk: exit %d, stdout %q, stderr %q", sr.code, sr.stdout, strings.TrimSpace(sr.stderr))
	} else {
		t.Logf("stored before the disk filled: %+v", partial)
		if partial.Articles >= articles {
			t.Errorf("all %d articles fit in 2 MiB; the disk never filled", articles)
		}
	}

	// Room again: the same command finishes the job, exactly.
	if out, err := exec.Command("mount", "-o", "remount,size=256m", dir).CombinedOutput(); err != nil {
		t.Fatalf("growing the tmpfs: %v %s", err, out)
	}
	if r := dyad(t, nil, "ingest", "--store", store, corpus); r.code != 0 {
		t.Fatalf("dyad ingest after making room: %+v", r)
	}
	if ic := integrityCheck(t, db); ic != "ok" {
		t.Errorf("PRAGMA integrity_check after resuming: %s", ic)
	}
	clean := "sqlite:" + filepath.Join(t.TempDir(), "clean.db")
	if r := dyad(t, nil, "ingest", "--store", clean, corpus); r.code != 0 {
		t.Fatalf("clean run: %+v", r)
	}
	if got, want := stats(t, store), stats(t, clean); got != want {
		t.Errorf("after the disk filled and the run was resumed: %+v; clean run: %+v", got, want)
	}
}

// ---------------------------------------------------------------------------
// SIGKILL at random points.

// TestKillAtRandomPoints kills dyad ingest with SIGKILL at three random
// (seeded, logged) moments of runs into the same SQLite store, then runs it
// to the end and compares the store with an uninterrupted run's. Rerun a
// failure with DYAD_FAULT_SEED=<seed>.
func TestKillAtRandomPoints(t *testing.T) {
	testStart := time.Now()
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("DYAD_FAULT_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("DYAD_FAULT_SEED=%q: %v", v, err)
		}
		seed = n
	}
	t.Logf("seed %d (rerun with DYAD_FAULT_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	articles, rounds, bound := 8000, 3, 60*time.Second
	if longFaults() {
		articles, rounds, bound = 30000, 12, 12*time.Minute
	}
	corpus := writeFile(t, "random.jsonl", ingesttest.Corpus(articles, 5, 71))
	dir := t.TempDir()

	// The uninterrupted run, timed: kill times are drawn within it.
	clean := filepath.Join(dir, "clean.db")
	cleanStart := time.Now()
	if r := dyad(t, nil, "ingest", "--batch", "200", "--store", "sqlite:"+clean, corpus); r.code != 0 {
		t.Fatalf("clean run: %+v", r)
	}
	full := time.Since(cleanStart)
	t.Logf("uninterrupted run: %v", full.Round(time.Millisecond))

	killed := filepath.Join(dir, "killed.db")
	midRun := 0
	for round := 1; round <= rounds; round++ {
		stored := max(articleCount(killed), 0)
		// Within the time the rest of the corpus should take, plus start-up.
		rest := time.Duration(float64(full) * float64(articles-stored) / float64(articles))
		delay := 20*time.Millisecond + time.Duration(rng.Int64N(int64(max(rest*8/10, 100*time.Millisecond))))
		cmd := exec.Command(binary, "ingest", "--batch", "200", "--store", "sqlite:"+killed, corpus)
		cmd.Env = append(os.Environ(), "DYAD_STORE=")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			t.Logf("round %d: the run ended (%v) before the kill at %v", round, err, delay.Round(time.Millisecond))
			continue
		case <-time.After(delay):
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		after := articleCount(killed)
		if after > stored && after < articles {
			midRun++
		}
		ic := integrityCheck(t, killed)
		when := "mid-run"
		if after == stored {
			when = "before its first write"
		}
		t.Logf("round %d: SIGKILL %v into the run (%s); %d → %d of %d articles stored; integrity_check: %s",
			round, delay.Round(time.Millisecond), when, stored, after, articles, ic)
		if ic != "ok" {
			t.Errorf("round %d: store damaged by SIGKILL: %s", round, ic)
		}
		if time.Since(testStart) > bound {
			t.Logf("stopping the rounds after %v to stay within the time bound", time.Since(testStart).Round(time.Second))
			break
		}
	}
	if midRun == 0 {
		// Every random kill came before the first write or after the end
		// (rare): kill once more right after a new write, as
		// TestKillAndResume does, so the final comparison covers a kill
		// mid-run.
		stored := max(articleCount(killed), 0)
		cmd := exec.Command(binary, "ingest", "--batch", "200", "--store", "sqlite:"+killed, corpus)
		cmd.Env = append(os.Environ(), "DYAD_STORE=")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && articleCount(killed) <= stored; {
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		after := articleCount(killed)
		t.Logf("extra round: no random kill landed mid-run; SIGKILL after the first new write: %d → %d of %d articles stored", stored, after, articles)
		if after > stored && after < articles {
			midRun++
		} else {
			t.Errorf("no kill landed mid-run (while articles were being stored); seed %d", seed)
		}
	}
	if r := dyad(t, nil, "ingest", "--batch", "200", "--store", "sqlite:"+killed, corpus); r.code != 0 {
		t.Fatalf("final run: %+v", r)
	}
	got, want := stats(t, "sqlite:"+killed), stats(t, "sqlite:"+clean)
	if got != want {
		t.Errorf("killed %d times and resumed: %+v; uninterrupted: %+v (seed %d)", midRun, got, want, seed)
	}
	t.Logf("%d kills mid-run, then identical stats %+v; test took %v", midRun, got, time.Since(testStart).Round(time.Millisecond))
}
