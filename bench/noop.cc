// The container process of suite_bench's baseline: a static executable that exits 0 at once,
// so that a bare `run` of it measures the runtime alone.
int main() { return 0; }
