package site

import "testing"

func TestRelPath(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"/", "/", "./"},
		{"/", "/projects/", "projects/"},
		{"/", "/assets/site.css", "assets/site.css"},
		{"/projects/", "/projects/a/", "a/"},
		{"/projects/a/", "/projects/", "../"},
		{"/projects/a/", "/", "../../"},
		{"/projects/a/", "/regions/b/", "../../regions/b/"},
		{"/bulletins/2023-09/", "/bulletins/2023-09/2023-09.pdf", "2023-09.pdf"},
		{"/data/", "/data/metrics.json", "metrics.json"},
		{"/about/", "/assets/site.css", "../assets/site.css"},
		{"/projects/a/", "/projects/a/", "./"},
		{"/projects/a/", "/projects/ab/", "../ab/"},
		{"/a/", "/a", "../a"},
		{"/404.html", "/", "./"},
		{"/404.html", "/projects/x/", "projects/x/"},
		{"/data/metrics.json", "/data/projects.csv", "projects.csv"},
	}
	for _, tt := range tests {
		if got := relPath(tt.from, tt.to); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q; want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
