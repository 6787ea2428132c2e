package dict

import (
	"strings"
	"testing"
	"time"
)

func TestReadActors(t *testing.T) {
	src := `# comment
VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
	[RUSELI 700101-990809]
	[RUSGOV >080508]
	[RUSELI]
CELINE YODA_KONKOBO_ [BFAGOV]
BORIS_YELTSIN_  # CountryInfo.txt
YELTSIN
PRESIDENT_YELTSIN
	[RUSGOV 910710-991231]
LAST_ENTRY [XXX 20121204]`
	es, err := ReadActors(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 4 {
		t.Fatalf("%d entries, want 4 (a run of bare names is one entry; the last entry is kept)", len(es))
	}
	if got := strings.Join(es[2].Phrases, "|"); got != "BORIS YELTSIN|YELTSIN|PRESIDENT YELTSIN" || len(es[2].Codes) != 1 {
		t.Errorf("bare run: phrases %q codes %+v", got, es[2].Codes)
	}
	es = append(es[:2], es[3])
	if got := strings.Join(es[0].Phrases, "|"); got != "VLADIMIR PUTIN|PUTIN" {
		t.Errorf("phrases %q", got)
	}
	if len(es[0].Codes) != 3 || es[0].Codes[1].Kind != From || es[0].Codes[2].Kind != Always {
		t.Errorf("codes %+v", es[0].Codes)
	}
	if es[1].Phrases[0] != "CELINE YODA KONKOBO" {
		t.Errorf("blank in name: %q", es[1].Phrases[0])
	}
	if c := es[2].Codes[0]; c.Kind != From || FormatDay(c.From) != "20121204" {
		t.Errorf("bare date: %+v", c)
	}
	d := func(y int, m time.Month, dd int) int32 { return Day(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)) }
	r := es[0].Codes[0]
	if !r.ValidAt(d(1999, 8, 8)) || r.ValidAt(d(1999, 8, 9)) || !r.ValidAt(d(1970, 1, 1)) {
		t.Errorf("range end must be excluded, start included: %+v", r)
	}
	if y, _ := ParseDate("300101"); FormatDay(y) != "20300101" {
		t.Errorf("YY <= 30 is 20YY")
	}
	if y, _ := ParseDate("310101"); FormatDay(y) != "19310101" {
		t.Errorf("YY > 30 is 19YY")
	}
}

func TestNamePhrases(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"IRISH_REPUBLICAN_ARMY_(IRA)_", "IRISH REPUBLICAN ARMY"},
		{"LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_", "LIBERATION TIGERS OF TAMIL EELAM|LTTE"},
		{"ALBANIAN_NATIONAL_ARMY_(ANA)_", "ALBANIAN NATIONAL ARMY"},
		{"CONGO_(KINSHASA)", "CONGO (KINSHASA)"},
		{"BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_", "BASQUE FATHERLAND AND FREEDOM (ETA)"},
		{"NATIONAL_LIBERATION_ARMY_(COLOMBIA)_", "NATIONAL LIBERATION ARMY (COLOMBIA)"},
		{"VLADIMIR_PUTIN_", "VLADIMIR PUTIN"},
		{"JAISH-E-MOHAMMAD_(JEM)_", "JAISH-E-MOHAMMAD"},
		{"MIKHAIL_S._GORBACHEV", "MIKHAIL S. GORBACHEV|MIKHAIL GORBACHEV"},
		{"PRESIDENT_MIKHAIL_S._GORBACHEV", "PRESIDENT MIKHAIL S. GORBACHEV|PRESIDENT MIKHAIL GORBACHEV"},
		{"J._R._JAYEWARDENE", "J. R. JAYEWARDENE"},
	} {
		plain, derived := namePhrases(tc.name)
		if got := strings.Join(append(plain, derived...), "|"); got != tc.want {
			t.Errorf("namePhrases(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDerivedPhraseYields(t *testing.T) {
	src := "LASHKAR-E-TAIBA_(LET)_ [SASREB]\nLASHKAR-E-TAIBA [PAKREB]\nIRISH_REPUBLICAN_ARMY_(IRA)_ [WEUREB]\n"
	es, err := ReadActors(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, strings.Join(e.Phrases, "|")+"="+e.Codes[0].Code)
	}
	if want := "LASHKAR-E-TAIBA=PAKREB IRISH REPUBLICAN ARMY=WEUREB"; strings.Join(got, " ") != want {
		t.Errorf("entries %q, want %q", got, want)
	}
}

func TestReadAgents(t *testing.T) {
	src := "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nTROOP [~MIL]\nBUSINESS!PERSON! [~BUS]\nCHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\nAUTHORITY [~GOV]\n"
	as, err := ReadAgents(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range as {
		got[a.Phrase] = a.Code
	}
	for p, c := range map[string]string{"POLICE": "~COP", "TROOP": "~MIL", "TROOPS": "~MIL", "BUSINESSMAN": "~BUS",
		"BUSINESSMEN": "~BUS", "CHAMBERS OF COMMERCE": "~BUS", "AUTHORITIES": "~GOV"} {
		if got[p] != c {
			t.Errorf("%s = %q, want %q", p, got[p], c)
		}
	}
	if _, ok := got["POLICES"]; ok {
		t.Error("{} must suppress the plural")
	}
}

func TestReadVerbs(t *testing.T) {
	src := `####### SYNONYM SETS #######
&WEAPON
+MISSILE
+CEASE_FIRE
####### VERB PATTERNS #######
---  DELAY   [120]---  ---
DELAY
+MEET_WITH {+MET_WITH }
SPY {SPIES SPIED SPYING}[090]
- * &WEAPON [080!]
- * (TO) [042:043]
`
	v, err := ReadVerbs(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if v.BlockCode["DELAY"] != "120" {
		t.Errorf("block code %q", v.BlockCode["DELAY"])
	}
	forms := map[string]Verb{}
	for _, vb := range v.Verbs {
		forms[vb.Form] = vb
	}
	if forms["DELAYED"].Lemma != "DELAY" || forms["SPIED"].Code != "090" || strings.Join(forms["MET"].Particles, " ") != "WITH" {
		t.Errorf("verbs %+v", forms)
	}
	if len(v.Patterns) != 2 || v.Patterns[0].Code != "080" || v.Patterns[1].Code != "042:043" || v.Patterns[1].Post[0].Prep != "TO" {
		t.Fatalf("patterns %+v", v.Patterns)
	}
	alts := v.Patterns[0].Post[0].Alts
	if len(alts) != 3 { // MISSILE, MISSILES, CEASE FIRE
		t.Errorf("synset expansion %v", alts)
	}
}

func TestReadVerbsWithBaseSynsets(t *testing.T) {
	base := map[string][]string{"&TREATY": {"AGREEMENT", "ACCORD"}}
	text := "--- REACH [---] ---\nREACH\n- * &TREATY [057]\n- * &UNDEFINED [030]\n"
	v, err := ReadVerbsWith(strings.NewReader(text), base)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Patterns) == 0 || len(v.Patterns[0].Post) == 0 {
		t.Fatalf("patterns %+v", v.Patterns)
	}
	if alts := v.Patterns[0].Post[0].Alts; len(alts) != 4 { // AGREEMENT(S), ACCORD(S)
		t.Errorf("base synset expansion %v", alts)
	}
	// without the base the synset is undefined: a dead slot
	v, err = ReadVerbs(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.Patterns {
		if p.Code == "057" && len(p.Post) > 0 && len(p.Post[0].Alts) > 0 {
			t.Errorf("undefined synset matched %v", p.Post[0].Alts)
		}
	}
}
