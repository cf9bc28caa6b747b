"""Claims: linking a tag to the analyst's claim, and accepting the engine's claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nkdesk.analysis.model import Cluster
from nkdesk.store import Annotation
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.controller import Controller
from nkdesk.ui.quick_tag import ClaimChoice, TagChoice
from nkdesk.ui.tag_commands import PopupTarget
from nkdesk.ui.tagging import annotation_at, excerpt

if TYPE_CHECKING:
    from nkdesk.store import TagStore
    from nkdesk.ui.main_window import MainWindow


class ClaimCommands(Controller):
    """Tags > Link Tag to Claim (the claim popup) and Tags > Accept Claim.

    An automatic claim is a cluster of shared passages; accepting it makes it
    the analyst's, each of its passages tagged, in one undo step.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.link_target: PopupTarget | None = None
        popup = window.claim_popup
        popup.saved.connect(self.on_claim_popup_saved)
        popup.unlinked.connect(self.on_claim_popup_unlinked)
        popup.closed.connect(window.tagger.on_popup_closed)
        popup.cancelled.connect(self.on_claim_popup_cancelled)

    # -- linking --------------------------------------------------------------

    def on_tags_link_claim_triggered(self) -> None:
        tagger = self.window.tagger
        pane = tagger.tagging_pane()
        found = tagger.annotation_at_caret(pane) if pane is not None else None
        if pane is None or found is None:
            if pane is not None:
                tagger.say("No tag at the caret: tag the passage first (T), then link it (L)")
            return
        self.link_annotation(found)

    def link_annotation(self, annotation: Annotation) -> None:
        """The link popup for a tagged passage: pick or name its claim, and a stance."""
        window = self.window
        pane = window.pane(annotation.document)
        if pane is None:
            return
        self.link_target = PopupTarget(
            "link", annotation.document, annotation.start, annotation.end, annotation.id
        )
        window.claim_popup.open_for(
            window.tagger.anchor_rect(pane, annotation.start, annotation.end),
            annotation.quote,
            window.claims,
            claim=annotation.claim,
            stance=annotation.stance or "supports",
        )
        window.popup_toggled.emit()

    def on_claim_popup_saved(self, choice: ClaimChoice) -> None:
        target, self.link_target = self.link_target, None
        if target is None or target.annotation is None:
            return
        annotation_id = target.annotation

        def link(store: TagStore) -> Annotation:
            if choice.claim is not None:
                return store.link_annotation(annotation_id, choice.claim, choice.stance)
            label = " ".join(choice.label.split())
            # A new claim and its first link undo as one step, as a new tag does.
            with store.operation(f"Link to the new claim '{label}'"):
                labels = {c.label.casefold(): c.id for c in store.claims()}
                claim = labels.get(label.casefold()) or store.add_claim(label).id
                return store.link_annotation(annotation_id, claim, choice.stance)

        if self.window.tag_file.call("Cannot link the tag to the claim", link) is not None:
            self.window.tagger.say(f"Linked to the claim “{choice.label}”")

    def on_claim_popup_unlinked(self) -> None:
        target, self.link_target = self.link_target, None
        if target is not None and target.annotation is not None:
            annotation_id = target.annotation
            self.window.tag_file.call(
                "Cannot unlink the tag",
                lambda store: store.link_annotation(annotation_id, None, None),
            )

    def on_claim_popup_cancelled(self) -> None:
        self.link_target = None
        self.window.tagger.on_popup_cancelled()

    # -- accepting the engine's claims ----------------------------------------

    def cluster_at(self, doc_id: str, position: int) -> Cluster | None:
        """The automatic claim (cluster) of the narrowest shared passage at a position."""
        window = self.window
        passages = window.passages.get(doc_id)
        if passages is None or window.analysis is None:
            return None
        clusters = window.analysis.comparison.clusters
        for link in passages.links_at(position):
            if link.kind == "shared" and link.cluster is not None and link.cluster < len(clusters):
                return clusters[link.cluster]
        return None

    def on_tags_accept_claim_triggered(self) -> None:
        tagger = self.window.tagger
        pane = tagger.tagging_pane()
        if pane is None:
            return
        if self.window.analysis is None:
            tagger.say("Still comparing the articles…")
            return
        caret = pane.view.caret()
        cluster = self.cluster_at(pane.document.id, caret)
        if cluster is None:
            tagger.say("No automatic claim at the caret: F8 goes to the next shared passage")
            return
        self.accept_cluster(pane, cluster, caret)

    def accept_cluster(self, pane: ArticlePane, cluster: Cluster, position: int) -> None:
        """Make a cluster the analyst's claim, tagging its passages in every pane.

        With the caret on a tag, its tag is used at once; otherwise a popup asks
        which tag (Enter takes the one typed or picked).
        """
        tagger = self.window.tagger
        if any(c.label.casefold() == cluster.label.casefold() for c in self.window.claims):
            tagger.say(f"The claim “{excerpt(cluster.label)}” is already accepted")
            return
        here = annotation_at([r.annotation for r in pane.view.tag_rows], position)
        if here is not None:
            self.accept(cluster, here.tag)
            return
        member = next((m for m in cluster.members if m.doc == pane.document.id), None)
        start, end = (member.start, member.end) if member else (position, position)
        tagger.ask_tag(
            PopupTarget("accept", pane.document.id, start, end, cluster=cluster),
            tagger.anchor_rect(pane, start, end),
            cluster.label,
            fields=False,
            title=f"Accept the claim “{excerpt(cluster.label)}”: tag its "
            f"{len(cluster.members)} passages as",
        )

    def accept(self, cluster: Cluster, tag: int | TagChoice) -> None:
        """Make a cluster the analyst's claim, its passages tagged with ``tag``
        (a tag id, or the popup's choice, made first if new)."""
        tagger = self.window.tagger
        claim = self.window.tag_file.call(
            "Cannot accept the claim",
            lambda store: tagger.with_tag(
                store,
                tag,
                lambda name: f"Accept claim '{cluster.label}' (new tag '{name}')",
                lambda tag_id: store.accept_cluster(cluster.label, cluster.members, tag_id),
            ),
        )
        if claim is not None:
            tagger.say(
                f"Accepted “{excerpt(cluster.label)}”: {len(cluster.members)} passages in "
                f"{len(cluster.docs)} sources tagged (Ctrl+Z takes it back)"
            )
