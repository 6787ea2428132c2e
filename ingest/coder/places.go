package coder

import (
	"github.com/dyadgraph/dyad/schema"
)

// placeExpr is a gazetteer place found after a location preposition.
type placeExpr struct {
	pos   int
	place schema.Place
}

// findPlaces looks for gazetteer names inside chunks introduced by a
// location preposition ("at an airfield in Latakia", "near the city of
// Homs"). A name that is also an actor of another country ("in Jordan") is
// not taken as a place.
func (a *analysis) findPlaces() []placeExpr {
	lx := a.c.lx
	var out []placeExpr
	for ci := range a.chunks {
		ch := &a.chunks[ci]
		if !locationPreps[ch.prep] && ch.prep != "FROM" && ch.prep != "TO" && ch.prep != "INTO" {
			continue
		}
		for k := ch.start; k < ch.end; k++ {
			if !a.toks[k].cap {
				continue
			}
			id, n := lx.places.match(a.toks, k)
			if id < 0 {
				continue
			}
			pi := lx.placeInfo[id]
			if mi := a.ment[k]; mi >= 0 {
				m := a.mentions[mi]
				if m.actor && m.code != "" && len(m.code) >= 3 && m.code[:3] != pi.country {
					k += n - 1
					continue
				}
			}
			name := ""
			for x := k; x < k+n; x++ {
				if x > k {
					name += " "
				}
				name += a.toks[x].text
			}
			if name != pi.name && len(name) > 0 {
				name = pi.name
			}
			out = append(out, placeExpr{pos: k, place: schema.Place{Name: pi.name, Country: pi.country, Lat: pi.lat, Lon: pi.lon}})
			break
		}
	}
	return out
}

// eventPlace picks the place nearest to the verb inside [lo, hi), else the
// first place of the sentence.
func eventPlace(ps []placeExpr, verb, lo, hi int) *schema.Place {
	best, bestDist := -1, 1<<30
	for k, p := range ps {
		if p.pos < lo || p.pos >= hi {
			continue
		}
		d := p.pos - verb
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = k, d
		}
	}
	if best < 0 && len(ps) > 0 {
		best = 0
	}
	if best < 0 {
		return nil
	}
	p := ps[best].place
	return &p
}
