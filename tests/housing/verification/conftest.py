import pytest


@pytest.fixture
def answer_files_dir(settings, tmp_path):
    """Staged answers files of this test only."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media" / "verification-answers"
