package hudson;

/** Marker for types that extensions implement. */
public interface ExtensionPoint {}
