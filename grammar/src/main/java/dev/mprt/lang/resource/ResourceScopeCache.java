package dev.mprt.lang.resource;

import org.eclipse.emf.common.notify.Notifier;
import org.eclipse.xtext.util.OnChangeEvictingCache;

/**
 * Xtext's per-resource cache, listening to the resource only. Xtext's adapter is an EMF content adapter: it adds
 * itself to every object of the tree when the cache is first used (the builder's resource description) and
 * removes itself from every object when the tree is detached, two walks over the whole tree on each edit (a fifth
 * of an edit's time at 20k lines, docs/benchmarks.md). mprt's trees are never changed once loaded (an edit makes a
 * new resource: see {@link MicroPythonResource}), so the resource's own notifications (contents replaced,
 * unloaded) are all that must clear the cache.
 */
@com.google.inject.Singleton
public class ResourceScopeCache extends OnChangeEvictingCache {

    @Override
    protected CacheAdapter createCacheAdapter() {
        return new ResourceOnly();
    }

    private static final class ResourceOnly extends CacheAdapter {

        @Override
        public void setTarget(Notifier newTarget) {
            target = newTarget;
        }

        @Override
        public void unsetTarget(Notifier oldTarget) {
            if (target == oldTarget) {
                target = null;
            }
        }
    }
}
