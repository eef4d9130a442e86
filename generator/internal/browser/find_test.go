package browser

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// fakeSystem is an environment, a PATH and a file system for finder.
type fakeSystem struct {
	goos  string
	env   map[string]string
	path  map[string]string // name → where the PATH has it
	files []string
}

func (s fakeSystem) finder() finder {
	return finder{
		goos:   s.goos,
		getenv: func(k string) string { return s.env[k] },
		lookPath: func(name string) (string, error) {
			if p, ok := s.path[name]; ok {
				return p, nil
			}
			return "", exec.ErrNotFound
		},
		isFile: func(p string) bool {
			for _, f := range s.files {
				if f == p {
					return true
				}
			}
			return false
		},
	}
}

func TestFind(t *testing.T) {
	edge86 := `C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`
	chromePF := `D:\Apps\Google\Chrome\Application\chrome.exe`
	chromeLocal := `C:\Users\li\AppData\Local\Google\Chrome\Application\chrome.exe`
	macChrome := "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
	macHomeEdge := "/Users/li/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"
	tests := []struct {
		name string
		sys  fakeSystem
		want string
	}{
		{"env var wins over the PATH", fakeSystem{
			goos:  "linux",
			env:   map[string]string{EnvVar: "/opt/chrome/chrome"},
			path:  map[string]string{"chromium": "/usr/bin/chromium"},
			files: []string{"/opt/chrome/chrome"},
		}, "/opt/chrome/chrome"},
		{"env var may be a name on the PATH", fakeSystem{
			goos: "linux",
			env:  map[string]string{EnvVar: "google-chrome"},
			path: map[string]string{"google-chrome": "/usr/bin/google-chrome", "chromium": "/usr/bin/chromium"},
		}, "/usr/bin/google-chrome"},
		{"chromium before google-chrome", fakeSystem{
			goos: "linux",
			path: map[string]string{"google-chrome": "/usr/bin/google-chrome", "chromium": "/usr/bin/chromium"},
		}, "/usr/bin/chromium"},
		{"chromium-browser (Ubuntu)", fakeSystem{
			goos: "linux",
			path: map[string]string{"chromium-browser": "/usr/bin/chromium-browser"},
		}, "/usr/bin/chromium-browser"},
		{"linux does not look in Program Files", fakeSystem{
			goos:  "linux",
			files: []string{edge86},
		}, ""},
		{"windows: Edge in Program Files (x86), default location", fakeSystem{
			goos:  "windows",
			files: []string{edge86, `C:\Program Files\Google\Chrome\Application\chrome.exe`},
		}, edge86},
		{"windows: Chrome where ProgramFiles points", fakeSystem{
			goos:  "windows",
			env:   map[string]string{"ProgramFiles": `D:\Apps\`},
			files: []string{chromePF},
		}, chromePF},
		{"windows: Chrome installed for one user", fakeSystem{
			goos:  "windows",
			env:   map[string]string{"LOCALAPPDATA": `C:\Users\li\AppData\Local`},
			files: []string{chromeLocal},
		}, chromeLocal},
		{"windows: the PATH before install locations", fakeSystem{
			goos:  "windows",
			path:  map[string]string{"chrome": `E:\portable\chrome.exe`},
			files: []string{edge86},
		}, `E:\portable\chrome.exe`},
		{"macOS: app bundle in /Applications", fakeSystem{
			goos:  "darwin",
			env:   map[string]string{"HOME": "/Users/li"},
			files: []string{macHomeEdge, macChrome},
		}, macChrome},
		{"macOS: app bundle in ~/Applications", fakeSystem{
			goos:  "darwin",
			env:   map[string]string{"HOME": "/Users/li"},
			files: []string{macHomeEdge},
		}, macHomeEdge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.sys.finder().find()
			if tt.want == "" {
				if err == nil || !errors.Is(err, ErrNotFound) {
					t.Errorf("find() = %q, %v; want ErrNotFound", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("find() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestFindErrors checks that each failure says what to do next.
func TestFindErrors(t *testing.T) {
	tests := []struct {
		name string
		sys  fakeSystem
		want []string
	}{
		{"env var set to nothing there", fakeSystem{
			goos: "linux",
			env:  map[string]string{EnvVar: "/opt/nope"},
			path: map[string]string{"chromium": "/usr/bin/chromium"},
		}, []string{"GONGJIAN_BROWSER=/opt/nope: no such executable"}},
		{"nothing on linux", fakeSystem{goos: "linux"},
			[]string{"no Chromium-family browser found", "apt-get install -y chromium", "GONGJIAN_BROWSER"}},
		{"nothing on windows", fakeSystem{goos: "windows"},
			[]string{"Program Files", "install Microsoft Edge or Google Chrome", "GONGJIAN_BROWSER"}},
		{"nothing on macOS", fakeSystem{goos: "darwin"},
			[]string{"/Applications", "GONGJIAN_BROWSER"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.sys.finder().find()
			if err == nil {
				t.Fatalf("find() = %q, nil; want an error", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("find() error = %q; want it to contain %q", err, w)
				}
			}
		})
	}
}
