{ socket = null; }
