#include <cstdio>
#include <vector>
namespace geometry {
template <typename T> struct Grid {
    std::vector<T> cells;
    __attribute__((noinline)) T at(int row, int column) const {
        if (row < 0) __builtin_trap();
        return cells[row * 4 + column];
    }
};
__attribute__((noinline)) int corner(const Grid<int> &grid, int row) { return grid.at(row, 3); }
}
int main(int argc, char **) {
    geometry::Grid<int> grid{std::vector<int>(16, 1)};
    std::printf("%d\n", geometry::corner(grid, argc - 2));
}
