"""CryoViewer: a patient-education viewer that explains cryosurgery."""

__version__ = "0.1.0"
