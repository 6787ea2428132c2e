package storetest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// SyntheticOptions shape a generated corpus.
type SyntheticOptions struct {
	Events           int // events to generate
	Seed             uint64
	EventsPerArticle int // default 5
	ArticlesPerBatch int // default 200 (about 1,000 events a batch)
	Start            time.Time
	Years            int // dates spread over this many years from Start; default 5
}

var (
	syntheticCountries = []string{"USA", "RUS", "CHN", "SYR", "IRN", "ISR", "TUR", "UKR", "GBR", "FRA", "DEU", "IRQ",
		"SAU", "EGY", "IND", "PAK", "AFG", "JPN", "KOR", "PRK", "LBY", "YEM", "NGA", "ZAF", "BRA", "MEX", "VNM", "PHL",
		"IDN", "JOR", "LBN", "QAT", "ARE", "ETH", "SOM", "KEN", "SDN", "MLI", "VEN", "COL"}
	syntheticSectors = []string{"", "GOV", "GOV", "GOV", "MIL", "MIL", "REB", "OPP", "COP", "CVL", "BUS", "MED", "LEG"}
	syntheticIGOs    = []string{"IGOUNO", "IGOEUREEC", "IGONAT", "IGOAFRAFU", "IGOARBARL", "NGOHRI"}
	syntheticPlaces  = []schema.Place{
		{Name: "Damascus", Country: "SYR", Lat: 33.5102, Lon: 36.29128}, {Name: "Aleppo", Country: "SYR", Lat: 36.20124, Lon: 37.16117},
		{Name: "Moscow", Country: "RUS", Lat: 55.75222, Lon: 37.61556}, {Name: "Kiev", Country: "UKR", Lat: 50.45466, Lon: 30.5238},
		{Name: "Donetsk", Country: "UKR", Lat: 48.023, Lon: 37.80224}, {Name: "Baghdad", Country: "IRQ", Lat: 33.34058, Lon: 44.40088},
		{Name: "Tehran", Country: "IRN", Lat: 35.69439, Lon: 51.42151}, {Name: "Vienna", Country: "AUT", Lat: 48.20849, Lon: 16.37208},
		{Name: "Geneva", Country: "CHE", Lat: 46.20222, Lon: 6.14569}, {Name: "Beijing", Country: "CHN", Lat: 39.9075, Lon: 116.39723},
		{Name: "Washington", Country: "USA", Lat: 38.89511, Lon: -77.03637}, {Name: "Kabul", Country: "AFG", Lat: 34.52813, Lon: 69.17233},
	}
	syntheticOutlets = []string{"Reuters", "AP", "AFP", "BBC", "Al Jazeera", "TASS", "Xinhua", "DW"}
)

// Synthetic generates a realistic corpus for benchmarks: actors and dyads
// follow a Zipf distribution (a few hubs, a long tail), event codes favour
// statements and consultations as news does, and dates spread over several
// years. The same options give the same batches.
func Synthetic(opt SyntheticOptions) []schema.Batch {
	if opt.EventsPerArticle <= 0 {
		opt.EventsPerArticle = 5
	}
	if opt.ArticlesPerBatch <= 0 {
		opt.ArticlesPerBatch = 200
	}
	if opt.Start.IsZero() {
		opt.Start = time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if opt.Years <= 0 {
		opt.Years = 5
	}
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	var actorCodes []string
	for _, c := range syntheticCountries {
		for _, s := range syntheticSectors {
			actorCodes = append(actorCodes, c+s)
		}
	}
	actorCodes = append(actorCodes, syntheticIGOs...)
	// Shuffle so hubs are not all one country, deterministically.
	r.Shuffle(len(actorCodes), func(i, j int) { actorCodes[i], actorCodes[j] = actorCodes[j], actorCodes[i] })
	zipfActor := rand.NewZipf(r, 1.3, 4, uint64(len(actorCodes)-1))

	var codes []string
	var weights []float64
	total := 0.0
	for _, et := range cameo.MustStandard().EventTypes() {
		if len(et.Code) < 3 {
			continue
		}
		w := 1.0
		switch et.Root {
		case "01", "04":
			w = 12
		case "02", "03", "05", "11":
			w = 5
		case "19", "17", "18":
			w = 3
		}
		codes = append(codes, et.Code)
		total += w
		weights = append(weights, total)
	}
	pickCode := func() string {
		x := r.Float64() * total
		lo, hi := 0, len(weights)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if weights[mid] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return codes[lo]
	}
	days := opt.Years * 365

	var batches []schema.Batch
	var b schema.Batch
	for n, art := 0, 0; n < opt.Events; art++ {
		published := opt.Start.AddDate(0, 0, r.IntN(days)).Add(time.Duration(r.IntN(86400)) * time.Second)
		a := schema.Article{
			ID:        fmt.Sprintf("syn-%d-%d", opt.Seed, art),
			URL:       fmt.Sprintf("https://news.example/%d/%d", opt.Seed, art),
			Title:     fmt.Sprintf("Synthetic report %d", art),
			Outlet:    syntheticOutlets[r.IntN(len(syntheticOutlets))],
			Published: published,
			Language:  "en",
		}
		b.Articles = append(b.Articles, a)
		for s := 0; s < opt.EventsPerArticle && n < opt.Events; s, n = s+1, n+1 {
			src := actorCodes[zipfActor.Uint64()]
			tgt := actorCodes[zipfActor.Uint64()]
			for tgt == src {
				tgt = actorCodes[r.IntN(len(actorCodes))]
			}
			var place *schema.Place
			if r.IntN(3) == 0 {
				p := syntheticPlaces[r.IntN(len(syntheticPlaces))]
				place = &p
			}
			e := schema.Event{
				Source: schema.Actor{Code: src, Name: src},
				Target: schema.Actor{Code: tgt, Name: tgt},
				Code:   pickCode(),
				Date:   published.AddDate(0, 0, -r.IntN(3)),
				Place:  place,
				Mentions: []schema.Mention{{
					ArticleID: a.ID, SentenceIndex: s,
					Sentence: fmt.Sprintf("%s acted towards %s (synthetic sentence %d of report %d).", src, tgt, s, art),
					Evidence: []string{src, tgt},
				}},
			}
			b.Events = append(b.Events, e)
		}
		if len(b.Articles) == opt.ArticlesPerBatch {
			batches = append(batches, b)
			b = schema.Batch{}
		}
	}
	if len(b.Articles) > 0 {
		batches = append(batches, b)
	}
	return batches
}
