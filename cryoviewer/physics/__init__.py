"""The heat-transfer engine: bioheat equation with phase change, meshes, materials, checks."""
