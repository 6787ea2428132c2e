package main

import (
	"strconv"
	"strings"
	"testing"
)

// TestBenchLoad runs dyad bench load with tiny steps and checks that the
// table has every concurrency step, with requests, no errors and memory
// figures.
func TestBenchLoad(t *testing.T) {
	r := dyad(t, nil, "bench", "load", "--concurrency", "1,2,4,8,16", "--duration", "300ms", "--requests", "150")
	if r.code != 0 {
		t.Fatalf("dyad bench load: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	header := strings.Fields(lines[0])
	want := []string{"concurrency", "requests", "req/s", "p50", "ms", "p99", "ms", "errors", "RSS", "MB", "heap", "MB"}
	if strings.Join(header, " ") != strings.Join(want, " ") {
		t.Fatalf("header %q, want %q", lines[0], strings.Join(want, " "))
	}
	rows := lines[1:]
	steps := []int{1, 2, 4, 8, 16}
	if len(rows) != len(steps) {
		t.Fatalf("%d rows, want one per step %v:\n%s", len(rows), steps, r.stdout)
	}
	for i, row := range rows {
		f := strings.Fields(row)
		if len(f) != 8 {
			t.Fatalf("row %q: %d columns, want 8", row, len(f))
		}
		num := func(j int) float64 {
			v, err := strconv.ParseFloat(f[j], 64)
			if err != nil {
				t.Fatalf("row %q column %d: %v", row, j, err)
			}
			return v
		}
		if int(num(0)) != steps[i] {
			t.Errorf("row %d is concurrency %v, want %d", i, f[0], steps[i])
		}
		if n := num(1); n < 1 || n > 150 {
			t.Errorf("concurrency %d: %v requests, want 1 to 150 (the --requests bound)", steps[i], n)
		}
		if num(2) <= 0 || num(3) <= 0 || num(4) < num(3) {
			t.Errorf("concurrency %d: throughput %s, p50 %s, p99 %s", steps[i], f[2], f[3], f[4])
		}
		if num(5) != 0 {
			t.Errorf("concurrency %d: %s errors", steps[i], f[5])
		}
		if rss, heap := num(6), num(7); rss <= 0 || heap <= 0 || rss > 2048 {
			t.Errorf("concurrency %d: RSS %v MB, heap %v MB; want positive and bounded", steps[i], rss, heap)
		}
	}
	if r := dyad(t, nil, "bench", "load", "--concurrency", "0"); r.code == 0 {
		t.Errorf("--concurrency 0 accepted: %+v", r)
	}
}
