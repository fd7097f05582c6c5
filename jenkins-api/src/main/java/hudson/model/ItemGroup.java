package hudson.model;

import java.util.Collection;

/** A container of {@link Item}s (Jenkins itself, a folder). */
public interface ItemGroup<T extends Item> {
    String getFullName();

    String getFullDisplayName();

    Collection<T> getItems();

    String getUrl();
}
