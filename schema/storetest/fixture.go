package storetest

import (
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// The fixture: five articles about Syria in 2015–2016 and thirteen events.
// Every expectation in the suite is worked out by hand from this table.
//
//	E1  RUSMIL→SYRREB 195 2015-09-30 Latakia   reuters-1 (reported by USAMIL), ap-1
//	E2  RUSGOV→SYRGOV 070 2015-10-01 Damascus  ap-1
//	E3  SYRGOV→RUSGOV 051 2015-10-01 —         ap-1
//	E4  USAGOV→RUSGOV 111 2015-10-14 —         afp-1
//	E5  TURGOV→RUSMIL 112 2015-10-14 —         afp-1
//	E11 USAGOV→IRNGOV 057 2015-10-14 Vienna    afp-1
//	E6  IRNGOV→SYRGOV 061 2015-11-20 Damascus  reuters-2
//	E7  USAGOV→SYRREB 071 2015-11-20 —         reuters-2
//	E10 IGOUNO→SYRGOV 036 2015-11-20 —         reuters-2
//	E13 JPNGOV→KORGOV 036 2015-11-20 —         reuters-2
//	E8  RUSGOV→SYRGOV 057 2016-01-12 Moscow    tass-1
//	E9  SYRREB→SYRGOV 190 2016-01-12 Aleppo    tass-1
//	E12 UKRGOV→RUSGOV 112 2016-01-12 —         tass-1

func day(s string) time.Time {
	t, err := time.Parse(schema.DayLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

var actors = map[string]string{
	"RUSMIL": "Russian military",
	"RUSGOV": "Russia",
	"SYRGOV": "Syria",
	"SYRREB": "Syrian rebels",
	"USAGOV": "United States",
	"USAMIL": "Pentagon",
	"TURGOV": "Turkey",
	"IRNGOV": "Iran",
	"IGOUNO": "United Nations",
	"UKRGOV": "Ukraine",
	"JPNGOV": "Japan",
	"KORGOV": "South Korea",
}

func actor(code string) schema.Actor { return schema.Actor{Code: code, Name: actors[code]} }

var (
	latakia  = &schema.Place{Name: "Latakia", Country: "SYR", Lat: 35.53168, Lon: 35.79011}
	damascus = &schema.Place{Name: "Damascus", Country: "SYR", Lat: 33.5102, Lon: 36.29128}
	moscow   = &schema.Place{Name: "Moscow", Country: "RUS", Lat: 55.75222, Lon: 37.61556}
	aleppo   = &schema.Place{Name: "Aleppo", Country: "SYR", Lat: 36.20124, Lon: 37.16117}
	vienna   = &schema.Place{Name: "Vienna", Country: "AUT", Lat: 48.20849, Lon: 16.37208}
)

// fixtureEvent is one row of the table above.
type fixtureEvent struct {
	name     string
	src, tgt string
	code     string
	day      string
	place    *schema.Place
	mentions []schema.Mention
}

func mention(article string, sentence int, text string) schema.Mention {
	return schema.Mention{ArticleID: article, SentenceIndex: sentence, Sentence: text, Evidence: []string{text[:12]}}
}

var fixtureArticles = []schema.Article{
	{ID: "reuters-1", URL: "https://example.org/reuters/1", Title: "Russia begins air strikes in Syria", Outlet: "Reuters", Published: time.Date(2015, 9, 30, 14, 5, 0, 0, time.UTC), Language: "en"},
	{ID: "ap-1", URL: "https://example.org/ap/1", Title: "Moscow sends aid to Damascus", Outlet: "AP", Published: time.Date(2015, 10, 1, 9, 0, 0, 0, time.UTC), Language: "en"},
	{ID: "afp-1", URL: "https://example.org/afp/1", Title: "Washington criticises Moscow", Outlet: "AFP", Published: time.Date(2015, 10, 14, 18, 30, 0, 0, time.UTC), Language: "en"},
	{ID: "reuters-2", URL: "https://example.org/reuters/2", Title: "Tehran pledges support", Outlet: "Reuters", Published: time.Date(2015, 11, 20, 7, 45, 0, 0, time.UTC), Language: "en"},
	{ID: "tass-1", URL: "https://example.org/tass/1", Title: "Moscow and Damascus sign accord", Outlet: "TASS", Published: time.Date(2016, 1, 12, 12, 0, 0, 0, time.UTC), Language: "en"},
}

var pentagon = &schema.Actor{Code: "USAMIL", Name: "Pentagon"}

var fixtureEvents = []fixtureEvent{
	{"E1", "RUSMIL", "SYRREB", "195", "2015-09-30", latakia, []schema.Mention{
		{ArticleID: "reuters-1", SentenceIndex: 0, Sentence: "Russian jets struck rebel positions near Latakia, the Pentagon said.", Evidence: []string{"Russian jets", "struck", "rebel positions"}, ReportedBy: pentagon},
	}},
	{"E2", "RUSGOV", "SYRGOV", "070", "2015-10-01", damascus, []schema.Mention{mention("ap-1", 0, "Russia delivered humanitarian aid to the Syrian government in Damascus.")}},
	{"E3", "SYRGOV", "RUSGOV", "051", "2015-10-01", nil, []schema.Mention{mention("ap-1", 1, "Damascus praised Moscow for its help.")}},
	{"E4", "USAGOV", "RUSGOV", "111", "2015-10-14", nil, []schema.Mention{mention("afp-1", 0, "Washington denounced the Russian campaign.")}},
	{"E5", "TURGOV", "RUSMIL", "112", "2015-10-14", nil, []schema.Mention{mention("afp-1", 1, "Ankara accused Russian jets of violating its airspace.")}},
	{"E11", "USAGOV", "IRNGOV", "057", "2015-10-14", vienna, []schema.Mention{mention("afp-1", 2, "The United States and Iran signed the accord in Vienna.")}},
	{"E6", "IRNGOV", "SYRGOV", "061", "2015-11-20", damascus, []schema.Mention{mention("reuters-2", 0, "Iran agreed economic cooperation with Syria in Damascus.")}},
	{"E7", "USAGOV", "SYRREB", "071", "2015-11-20", nil, []schema.Mention{mention("reuters-2", 1, "Washington gave economic aid to Syrian rebels.")}},
	{"E10", "IGOUNO", "SYRGOV", "036", "2015-11-20", nil, []schema.Mention{mention("reuters-2", 2, "The United Nations offered to meet Syrian officials.")}},
	{"E13", "JPNGOV", "KORGOV", "036", "2015-11-20", nil, []schema.Mention{mention("reuters-2", 3, "Japan proposed talks with South Korea.")}},
	{"E8", "RUSGOV", "SYRGOV", "057", "2016-01-12", moscow, []schema.Mention{mention("tass-1", 0, "Russia and Syria signed a military accord in Moscow.")}},
	{"E9", "SYRREB", "SYRGOV", "190", "2016-01-12", aleppo, []schema.Mention{mention("tass-1", 1, "Rebels attacked government forces in Aleppo.")}},
	{"E12", "UKRGOV", "RUSGOV", "112", "2016-01-12", nil, []schema.Mention{mention("tass-1", 2, "Kiev accused Moscow of aggression.")}},
}

// E1 is reported a second time, by AP: the event is merged, not duplicated.
var secondReportOfE1 = schema.Mention{ArticleID: "ap-1", SentenceIndex: 2, Sentence: "Russian aircraft bombed rebels near Latakia.", Evidence: []string{"Russian aircraft", "bombed", "rebels"}}

func (f fixtureEvent) event() schema.Event {
	return schema.Event{
		Source: actor(f.src), Target: actor(f.tgt), Code: f.code, Date: day(f.day),
		Place: f.place, Mentions: f.mentions,
	}
}

// FixtureBatches returns the fixture as ingest would write it: one batch
// per article, each with the events its sentences report.
func FixtureBatches() []schema.Batch {
	var out []schema.Batch
	for _, a := range fixtureArticles {
		b := schema.Batch{Articles: []schema.Article{a}}
		for _, fe := range fixtureEvents {
			e := fe.event()
			var ms []schema.Mention
			for _, m := range e.Mentions {
				if m.ArticleID == a.ID {
					ms = append(ms, m)
				}
			}
			if fe.name == "E1" && a.ID == "ap-1" {
				ms = append(ms, secondReportOfE1)
			}
			if len(ms) > 0 {
				e.Mentions = ms
				b.Events = append(b.Events, e)
			}
		}
		out = append(out, b)
	}
	return out
}

// fixtureID returns the stored ID of a fixture event by its name.
func fixtureID(name string) string {
	for _, fe := range fixtureEvents {
		if fe.name == name {
			return schema.EventID(fe.src, fe.tgt, fe.code, day(fe.day), fe.place)
		}
	}
	panic("no fixture event " + name)
}
