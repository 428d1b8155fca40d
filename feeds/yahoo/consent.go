package yahoo

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

// consentForm is the EU consent form's target and hidden fields.
type consentForm struct {
	action string
	values url.Values
}

var (
	formRe  = regexp.MustCompile(`(?is)<form\b([^>]*)>(.*?)</form>`)
	inputRe = regexp.MustCompile(`(?is)<input\b([^>]*)>`)
	attrRe  = regexp.MustCompile(`(?is)([a-z][a-z0-9_:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
)

func attrs(tag string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(tag, -1) {
		name := strings.ToLower(a[1])
		if _, dup := m[name]; !dup {
			m[name] = html.UnescapeString(a[2] + a[3] + a[4])
		}
	}
	return m
}

// parseConsentForm finds Yahoo's consent form (`<form method="post"
// class="consent-form">`) and its hidden inputs (csrfToken, sessionId,
// originalDoneUrl, namespace). A regexp is enough for this one known
// page and keeps x/net/html out of the dependencies.
func parseConsentForm(page string) (consentForm, bool) {
	if !strings.Contains(page, "consent-form") {
		return consentForm{}, false
	}
	for _, m := range formRe.FindAllStringSubmatch(page, -1) {
		fa := attrs(m[1])
		if !strings.EqualFold(fa["method"], "post") || !strings.Contains(" "+fa["class"]+" ", " consent-form ") {
			continue
		}
		f := consentForm{action: fa["action"], values: url.Values{}}
		for _, in := range inputRe.FindAllStringSubmatch(m[2], -1) {
			ia := attrs(in[1])
			if strings.EqualFold(ia["type"], "hidden") && ia["name"] != "" {
				f.values.Add(ia["name"], ia["value"])
			}
		}
		if f.values.Get("sessionId") == "" && f.values.Get("csrfToken") == "" {
			continue
		}
		return f, true
	}
	return consentForm{}, false
}
