package tomldoc

// Hooks for package tomldoc_test, whose tests build synthetic sites: an
// import of package synth from package tomldoc's own tests would be a
// cycle (synth imports dataset, which imports tomldoc).
var (
	CheckLines = checkLines
	DiffTOML   = diffTOML
	FastDecode = fastDecode
	Normalize  = normalize
	ReadDocs   = readDocs
)

// Check is the pre-pass of Parse alone.
func Check(src string) error {
	if err := check(src, DefaultMaxDepth); err != nil {
		return err
	}
	return nil
}
