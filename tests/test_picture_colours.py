"""The diagram's pixels: the mirrored raster and the patient look's colour table."""

import numpy as np
import pytest

from cryoviewer.physics.mesh import Mesh, graded_faces
from cryoviewer.ui import colours
from cryoviewer.ui.palette import THEMES
from cryoviewer.ui.raster import Raster


def test_a_mirrored_raster_is_symmetric_and_interpolates_linearly():
    mesh = Mesh("axisymmetric", graded_faces(0.02, 0.0005, 0.002), np.linspace(0, 0.01, 21))
    raster = Raster(mesh, 0.3)
    rows, columns = raster.shape
    assert columns % 2 == 0
    x0, x1, _, _ = raster.extent
    assert x0 == -x1
    slope = np.tile(mesh.x * 1e3, (len(mesh.y), 1))      # the field is r in mm: linear
    pixels = raster.sample(slope)
    centres = x0 + (np.arange(columns) + 0.5) * (x1 - x0) / columns
    inside = (np.abs(centres) >= mesh.x[0] * 1e3) & (np.abs(centres) <= mesh.x[-1] * 1e3)
    assert pixels.shape == raster.shape
    assert np.allclose(pixels[:, inside], np.abs(centres[inside]), atol=1e-4)
    assert np.array_equal(pixels, pixels[:, ::-1])
    material = np.tile((mesh.x > 0.01).astype(np.intp), (len(mesh.y), 1))
    nearest = raster.nearest(material)
    assert np.array_equal(nearest, nearest[:, ::-1])
    assert set(np.unique(nearest)) == {0, 1}


@pytest.mark.parametrize("p", THEMES.values(), ids=lambda p: p.name)
def test_the_patient_table_layers_scar_ice_and_the_lethal_tint_over_the_tissue(p):
    table = colours.patient_table(["liver", "tumour"], p)
    liver, tumour = (np.array(colours.rgb(p.tissue_colour(name)), float)
                     for name in ("liver", "tumour"))
    ice, lethal = (np.array(colours.rgb(c), float) for c in (p.ice, p.lethal))

    def shown(material, scar, frozen, deadly):
        index = colours.patient_index(np.array([material]), scar, frozen, deadly)
        word = int(table[index][0])
        return np.array([(word >> 16) & 255, (word >> 8) & 255, word & 255], float)

    assert np.allclose(shown(0, 0.0, 0.0, 0.0), liver, atol=0.5)
    assert np.allclose(shown(1, 0.0, -3.0, -1.0), tumour, atol=0.5)   # amounts are clipped
    under_ice = tumour * (1 - colours.ICE_ALPHA) + ice * colours.ICE_ALPHA
    assert np.allclose(shown(1, 0.0, 1.0, 0.0), under_ice, atol=0.5)
    assert np.allclose(shown(1, 0.0, 7.0, 2.0), under_ice * (1 - colours.LETHAL_ALPHA)
                       + lethal * colours.LETHAL_ALPHA, atol=0.5)
    half = shown(0, 0.0, 0.5, 0.0)
    assert np.all(np.minimum(liver, ice) - 0.5 <= half) and \
        np.all(half <= np.maximum(liver, ice) + 0.5)
    assert table.dtype == np.uint32 and np.all(table >> 24 == 255)        # opaque words


@pytest.mark.parametrize("word, text", [(0xFF0A0B0C, "#0a0b0c"), (0xFFFFFFFF, "#ffffff")])
def test_hex_of_a_word(word, text):
    assert colours.hex_of(np.uint32(word)) == text
