"""Start CryoViewer from a source checkout: python main.py [options]."""

from cryoviewer.app import main

if __name__ == "__main__":
    raise SystemExit(main())
